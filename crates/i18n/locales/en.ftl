# English.

## Catalog metadata
meta-language-name = English
meta-script = latin

## Shared values
date = {$day} {$month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} {$year}
date-era = {$day} {$month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} {$era ->
    [1] Meiji
    [2] Taishō
    [3] Shōwa
    [4] Heisei
   *[5] Reiwa
} {$year} ({$gyear})
sex-male = Male
sex-female = Female
relationship-head = Head of household
relationship-spouse = Spouse
relationship-child = Child
relationship-child-in-law = Child's spouse
relationship-parent = Parent
relationship-grandparent = Grandparent
relationship-grandchild = Grandchild
relationship-sibling = Brother or sister
relationship-other-relative = Other relative
relationship-cohabitant = Lives in the household (not a relative)

## Field labels
field-name = Name
field-name-kana = Name in katakana
field-alias = Registered alias
field-birth-date = Date of birth
field-sex = Sex
field-address = Address
field-previous-address = Previous address
field-relationship = Relationship to the head of household
field-householder = Head of household
field-individual-number = Individual Number
field-resident-code = Resident record code
field-nationality = Nationality or region
field-status-of-residence = Status of residence
field-period-of-stay = Period of stay ends on
field-became-resident = Became a resident on
field-issuer = Issuing municipality
field-issue-date = Date of issue
field-application-id = Application ID

## Individual Number notification
notice-title = Individual Number Notification
notice-intro = This letter tells you your Individual Number (My Number). You will use this number for the rest of your life.
notice-not-proof = This letter does not prove who you are, and it does not prove your Individual Number. You cannot use it as an identity document or as proof of your number, and businesses must not accept it.
notice-keep = This letter will not be issued again, so keep it in a safe place. If you lose it, you can confirm your number with a copy of your resident record that shows the number, or with a My Number Card.
notice-apply-heading = How to apply for a My Number Card
notice-apply-mail = By mail: stick a photo of your face on the enclosed application form, sign it, and send it in the return envelope.
notice-apply-online = Online: scan the QR code on the application form with a smartphone, or enter the 23-digit application ID on the application website, and upload a photo of your face.
notice-apply-counter = At the counter: bring this letter and the application form to your city, ward, town or village office.
notice-apply-free = Your first card is free of charge. We will tell you later when and where to pick it up.

## Card application form
form-title = My Number Card Application Form
form-photo = Photo (4.5 cm high × 3.5 cm wide)
form-photo-rules = Use a photo taken in the last 6 months: face forward, no hat, plain background. Write your name and date of birth on the back.
form-signature = Applicant's signature
form-application-date = Date of application
form-online = Scan with a smartphone to apply online
form-moved = If your name or address has changed, this form can no longer be used. Ask your municipal office for a new one.

## Card issue notice
issue-title = My Number Card Pick-up Notice
issue-intro = Your My Number Card is ready. Please come to the counter in person and pick it up by the date below.
field-pick-up-by = Pick up by
field-pick-up-place = Where to pick it up
field-card-expiry = Card valid until
field-card-serial = Card number
issue-counter = The counter of your city, ward, town or village office
issue-bring-heading = What to bring
issue-bring-notice = This notice
issue-bring-identity = Proof of identity: one document with your photo (driving licence, passport, residence card, etc.), or two documents without a photo (health insurance eligibility certificate, pension book, student card, employee card, etc.)
issue-bring-old-card = If you have them: your notification card, Basic Resident Register card, or the My Number Card you use now
issue-pins-heading = Decide your PINs before you come
issue-pin-signature = Password for the digital signature certificate: 6 to 16 characters of letters (A–Z) and digits (0–9), with at least one letter and one digit. It locks after 5 wrong entries in a row.
issue-pin-four = PINs for the user authentication certificate, the Basic Resident Register and the card information input: 4 digits each. All three may be the same. Each locks after 3 wrong entries in a row.
issue-no-pins = A face-recognition My Number Card has no PINs.
issue-proxy = If you cannot come because of illness or similar reasons, contact your municipal office before the pick-up date.

## Card renewal notice
renewal-title = My Number Card Expiry Notice
renewal-intro = Your My Number Card will expire soon.
field-renewal-from = You can apply for renewal from
renewal-how = You can apply for a renewal from 3 months before the expiry date. Use the enclosed application form to apply by mail, online, at a photo booth, or at the counter. Renewal is free of charge.
renewal-return = Return your current card when you pick up the new one. After the expiry date, neither the card nor its electronic certificates can be used.
cert-renewal-title = Electronic Certificate Expiry Notice
cert-renewal-intro = The electronic certificates on your My Number Card will expire soon. The card itself remains valid for longer.
field-signature-certificate-expiry = Signature certificate valid until
field-authentication-certificate-expiry = User authentication certificate valid until
cert-renewal-how = From 3 months before the expiry date, you can renew the certificates at the counter of the municipality where you live. Bring your My Number Card and an identity document. You will enter your PINs at the counter. Renewal is free of charge.
cert-renewal-lapse = After the expiry date, you can no longer use the certificates for online procedures or to obtain certificates at convenience stores. The card remains valid as proof of identity until its own expiry date.

## Copy of resident record / certificate of recorded matters
record-title-copy = Copy of Resident Record
record-title-matters = Certificate of Matters Recorded in the Resident Record
record-certify-copy = This is certified to be a true copy of the resident record.
record-certify-matters = This certifies that the matters above are recorded in the resident record.
record-members = Household members
record-omitted = Items that were not requested are left out.
record-removed = This resident record has been removed (it is kept as a past record).
record-verification-code = Verification code
record-verify-how = To check that this certificate has not been altered, scan the QR code or enter the verification code at {$url}.

## Verification page
verify-title = Verify a certificate
verify-genuine = This certificate was issued by the system. Its content is shown below.
verify-unknown = No certificate with this verification code exists. The document may be forged.
verify-file-genuine = This file is exactly as it was issued and has not been altered.
verify-file-altered = This file was changed after it was issued, or it was not issued by this system.

## Public pages (the home page and document verification)
public-site-name = My Number (Individual Number)
public-skip = Skip to content
public-language = Language
public-not-official = This site runs an open-source implementation of the My Number system. It is not an official site of the government or of a municipality.
public-home-link = Home
public-contents = On this page
public-home-title = What is My Number?
public-home-lead = My Number is a 12-digit number given to each person with a resident record in Japan, one per person. Foreign residents with a resident record have one too. It is used in administrative procedures such as social security, tax and disaster response.
public-notice-title = When the notification letter arrives
public-notice-text = When your number is assigned, an "Individual Number Notification" arrives by post. It tells you your number; it is not proof of your number or of your identity. Keep it safe. An application form for the My Number Card comes with it.
public-card-title = The My Number Card
public-card-text = A card with your photo that you can use as proof of identity. With its electronic certificates, you can complete procedures online. Your first card is free of charge.
public-apply-title = How to apply for the card
public-apply-text = Use the application form to apply by post, on a computer, on a smartphone, or at a photo booth in town. About a month later, a pick-up notice arrives. Take it and an identity document to your municipal office to collect the card. You set your PINs when you collect it.
public-lost-title = If you lose your card
public-lost-text = Call at once to have the card suspended. Suspension is taken 24 hours a day, 365 days a year.
public-lost-phone = My Number toll-free line: 0120-95-0178 (option 2 of the voice menu)
public-lost-phone-foreign = In English, Chinese, Korean, Spanish or Portuguese: 0120-0178-27
public-lost-next = If you lost it outside your home, also report it to the police and keep the receipt number. If you find the card, the suspension is lifted at your municipal office (not by phone). If you do not find it, report it at the office and apply for a new card (fee: {$fee} yen).
public-verify-title = Check a certificate
public-verify-text = A copy of the resident record or another certificate issued by a municipality can be checked with the verification code printed on it.
public-verify-link = Enter a verification code
public-verify-lead = Enter the 16-character verification code printed on the document.
public-verify-hint = For example: K7QM-2XRT-9B4D-HW3P
public-verify-button = Check
public-staff-title = For staff
public-staff-desk = The desk (staff sign-in)
public-staff-api = API reference
dev-title = For services: log-in with the My Number Card, and signatures
dev-lead = This system is an OpenID Connect provider. A service an administrator registered can let residents log in with their My Number Card, and ask them to sign documents. The Individual Number is used neither to log in nor to sign.
dev-register-title = Registration
dev-register-text = An administrator registers your organisation's corporate number and roles (authentication verifier, signature verifier), your public key (P-256) and your redirection URIs. Your client_id is your organisation's id. Clients authenticate with private_key_jwt (ES256) only: there are no shared secrets.
dev-endpoints-title = This deployment's endpoints
dev-example-title = A working example
dev-example-text = This Python program (Authlib) logs a resident in with PKCE and a nonce, verifies the ID token with the JWKS and reads the consented items. Replace the client id, the key file and the redirection URI.
dev-sign-title = Signatures
dev-sign-text = An organisation registered as a signature verifier starts a sign-transaction with its organisation token and the document's SHA-256, then sends the resident to log in with the scope openid sign and the sign_transaction_id. After the log-in it collects the result (the signature and the signature certificate, and a CMS signature if asked for) as a JWE encrypted to its own key.
dev-home-link = For services (log-in with the card, and signatures)

## API errors (the public API answers in its reader's language; staff's are in locales/desk/)
api-error-body-too-large = What was sent is too large.
api-error-conflict = Something else changed this at the same moment. Try again.
api-error-document-not-genuine = This document is not as it was issued.
api-error-forbidden = Your role or your municipality does not allow this.
api-error-import-changed = The file being imported has changed since last time. Import it again from the start.
api-error-imported-before = This file has been imported already.
api-error-internal-error = Something went wrong. Try again later; the problem is recorded.
api-error-invalid-body = The fields or types of what was sent are not right.
api-error-invalid-input = Some of the input is not right: see each field's message.
api-error-malformed-body = What was sent could not be read (check the JSON).
api-error-method-not-allowed = This path does not accept this method.
api-error-not-found = Nothing was found here.
api-error-not-verified = This could not be verified (the signature or certificate is not valid).
api-error-number-not-current = This Individual Number is not the current one (it was changed).
api-error-procedure-refused = This procedure cannot be done in the record's present state.
api-error-render-failed = The document could not be made; the problem is recorded.
api-error-too-many-failures = Too many failed authentications. Wait a while and try again.
api-error-unauthenticated = A valid token is required.
api-error-unavailable = Temporarily unavailable. Wait a while and try again.
api-error-unsupported-media-type = Check the content type of what is sent.
api-error-wrong-pin = The PIN is wrong: see the tries left.
problem-verification-code-16-letters = A verification code has 16 letters and digits, e.g. K7QM-2XRT-9B4D-HW3P.

# Log-in with the card (issue 12, docs/design/oidc.md).
login-title = Log in with your My Number Card
login-asks = { $client } asks to confirm that it is you.
login-items-heading = What it asks for
login-no-items = Only confirmation that it is you. No other information is sent.
login-item-openid = Confirmation that it is you
login-item-name = Name
login-item-address = Address
login-item-birthdate = Date of birth
login-item-gender = Gender
login-item-sign = Signing with your card (you are asked again each time)
login-item-latest-four = Your latest name, address, date of birth and sex, given to this organisation after a change (for one year)
login-card-heading = Confirm with your card
login-card-text = Start the authentication app, let it read your card, and enter the 4-digit PIN of your user authentication certificate. Check that the app shows this confirmation number:
login-confirmation = Confirmation number
login-app-command = With the mynumber app on a computer, run the command below. With an app on another device, scan the QR code.
login-qr-label = QR code for the authentication app
login-waiting = Waiting for your card. When the app says it is done, choose Continue.
login-continue = Continue
login-consent-heading = Send your information?
login-consent-text = Your card confirmed that it is you. If you agree, { $client } receives the information above.
login-agree = Agree and continue
login-decline = Do not send
login-finished = This log-in is finished. You can close this page.
login-expired = This log-in has timed out. Go back to the service and start again.
login-other-browser = This log-in was started in another browser. Continue in that browser.
login-not-found = This log-in cannot be found. Go back to the service and start again.
login-bad-request = The service sent a request with an error, so the log-in cannot start. Go back to the service.
login-bad-client = This service is not registered, or its return address does not match its registration, so the log-in cannot start.
login-failed = The log-in could not be processed. Please try again later.
login-logged-out = You are logged out. This system checks your card at every log-in, so no log-in remains open.

## Prints on plain paper: the seal certificate, the back (scramble image) and its inquiry page
seal-certificate-title = Certificate of Seal Registration
seal-certificate-certify = This certifies that the impression shown is the seal registered.
field-seal-impression = Seal impression
back-heading = Back: the front's content, encrypted as an image (scramble image)
back-how = Scan this side and upload it at {$url} to see the front as it was issued, and compare it with the front in hand to check that nothing was changed.
public-back-title = Check with the back's image
public-back-lead = Upload a scan of the back of a certificate printed at a convenience store, and the front as it was issued is shown. Compare it, character by character, with the front in hand.
public-back-file = Scan of the back
public-back-hint = PNG, JPEG or PDF. Scan the whole back at 300 dpi or more.
public-back-submit = Read the back
public-back-genuine = This back was issued by this system. The front as it was issued reads as follows.
public-back-withheld = Printed (not shown on this page)
public-back-person = Person listed
problem-back-format = Upload a PNG, JPEG or PDF file.
problem-back-too-large = The file is too large (up to {$max_mib} MiB and 40 million pixels). Scan at 300–600 dpi.
problem-back-no-image = This PDF holds no scanned image. Upload a PDF made by a scanner, or an image file.
problem-back-damaged = The file is damaged and cannot be read as an image.
problem-back-no-symbols = No back image was found. Scan the whole back at 300 dpi or more.
problem-back-front-side = This is a scan of the front. Scan the back.
problem-back-incomplete = Only part of the back could be read ({$found} of {$count} codes). Scan the whole back, flat and clean.
problem-back-mixed = The backs of two or more certificates are in the scan. Scan one at a time.
problem-back-tampered = This back was altered, or it was not issued by this system.

## Your information (the portal, issue 14, docs/design/portal.md)
portal-title = Your information
portal-lead = Log in with your My Number Card to see your resident record, your card and its certificates, the records of government agencies exchanging your information, and the records of staff and agencies handling your record. Your Individual Number is not used to log in.
portal-login-button = Log in with your My Number Card
portal-login-asks = To log in to "Your information" on this system, your card confirms that it is you.
portal-logout = Log out
portal-logged-out = You are logged out.
portal-nav-label = Pages of your information
portal-nav-info = My information
portal-nav-exchanges = Exchanges
portal-nav-access = Access records
portal-session-ended = Your log-in has timed out. Please log in again.
portal-record-heading = Resident record
portal-household-heading = Household
portal-cards-heading = My Number Card
portal-cards-none = You have no My Number Card.
portal-card-status = Status
portal-card-active = In use
portal-card-produced = Ready to be picked up
portal-card-suspended = Suspended
portal-card-ended = No longer in use
portal-certificates-heading = Electronic certificates
portal-certificates-none = You have no electronic certificates.
portal-certificate-signature = Signature certificate
portal-certificate-authentication = User authentication certificate
portal-certificate-good = Valid
portal-certificate-held = On hold
portal-certificate-revoked = Revoked
portal-valid-until = Valid until
portal-exchanges-lead = These are the records of government agencies exchanging your information through the information provision network. They asked with a code for each agency, not with your Individual Number.
portal-exchanges-none = There are no exchanges on record.
portal-exchanges-hidden = { $count ->
    [one] There is also 1 record that the providing agency marked as not to be disclosed. Its contents are not shown.
   *[other] There are also { $count } records that the providing agency marked as not to be disclosed. Their contents are not shown.
}
portal-col-when = When
portal-col-requester = Agency that asked
portal-col-provider = Agency that provided
portal-col-procedure = Procedure
portal-col-item = Information
portal-col-outcome = Result
portal-outcome-provided = Provided
portal-outcome-not-found = No such information was held
portal-item-resident-household = Resident record information (household)
portal-item-local-tax = Local tax information
portal-item-child-allowance = Child allowance information
portal-procedure-child-allowance = Child allowance
portal-procedure-national-health-insurance = National Health Insurance premiums
portal-procedure-school-expense-aid = School expense aid
portal-procedure-national-pension = National Pension premium exemption
portal-procedure-self-disclosure = Information given to you
portal-access-lead = These are the records of staff and agencies handling your record, your Individual Number and your card. They are kept in a ledger that cannot be rewritten afterwards.
portal-access-none = There are no records.
portal-col-who = Who
portal-col-action = What
portal-col-purpose = Purpose
portal-col-where = Recorded by
portal-who-staff = Staff
portal-who-agency = Government agency
portal-who-relying-party = Business
portal-who-resident = You
portal-who-kiosk = Convenience store kiosk
portal-who-system = The system
portal-action-number-read = Read your Individual Number
portal-action-number-lookup = Looked up your record by your Individual Number
portal-action-record-read = Read your resident record
portal-action-agency-code-issued = Issued a code for you to an agency
portal-action-card-login-authenticated = You logged in with your card
portal-action-access-history-read = You viewed your access records
portal-action-exchange-history-read = You viewed your exchanges
portal-action-access-history-receipt = You received a receipt of your access records
portal-action-portal-signed-in = You logged in to your information
portal-action-own-record-read = You viewed your information
portal-action-portal-card-authenticated = Your card was checked to log in to your information
portal-action-portal-signed-out = You logged out of your information
portal-action-card-applied = Received your application for a card
portal-action-card-produced = Produced your card
portal-action-card-handed-over = Handed your card over to you
portal-action-certificate-issued = Issued an electronic certificate
portal-action-import = Registered your resident record
portal-action-other = Other processing ({ $code })
portal-receipt-heading = Receipt of these records
portal-receipt-text = You can receive these records as a receipt signed with this system's ledger key. Keep it, and you can later check that the records were not rewritten.
portal-receipt-download = Download the receipt
portal-check-heading = Check a receipt you kept
portal-check-text = Choose the file of a receipt you received before: its signature is checked, and whether the records are still the same.
portal-check-file = Receipt file
portal-check-button = Check
portal-check-intact = This receipt is genuine, and all { $count } records in it are still the same.
portal-check-altered = This receipt is genuine, but { $count } of the places it names are different now. Please contact your municipality.
portal-check-invalid = This file cannot be checked as a receipt issued by this system.
portal-suspend-heading = If you lose your card
portal-suspend-text = If you lose your card, you can suspend it here at once (at any hour). Its electronic certificates stop working too. If you find it, have it resumed at your municipality's counter.
portal-suspend-button = Suspend my card
portal-suspend-done = Your card is suspended, and its electronic certificates no longer work. If you find it, it can be resumed at your municipality's counter.
portal-nav-data = Agencies' information
portal-data-lead = The information government agencies hold about you, fetched through the information provision network and shown here. Each fetch is recorded in your exchanges.
portal-data-none = There is no information to fetch.
portal-data-from = Agency that provided it
portal-field-relationship = Relationship to the head of household
portal-field-head-name = Name of the head of household
portal-field-household-size = Number of household members
portal-field-resident-since = Became a resident on
portal-field-fiscal-year = Tax year
portal-field-total-income = Total income (yen)
portal-field-taxable-income = Taxable income (yen)
portal-field-income-levy = Income-based levy (yen)
portal-field-per-capita-levy = Per-capita levy (yen)
portal-field-dependants = Number of dependants
portal-field-non-taxable = Not taxable
portal-field-status = Status
portal-field-children = Number of children it is paid for
portal-field-monthly-amount = Monthly amount (yen)
portal-field-since = Paid since
portal-value-yes = Yes
portal-value-no = No
portal-value-paying = Being paid
portal-value-suspended = Suspended
portal-value-ended = Ended
portal-nav-notices = Notices
portal-notices-none = You have no notices.
portal-notices-unread = { $count ->
    [one] You have 1 unread notice.
   *[other] You have { $count } unread notices.
}
portal-notice-unread = Unread
portal-notice-card-expiry = Your My Number Card expires soon
portal-notice-card-expiry-text = Your My Number Card expires on { $date }. You can now renew it: please do so at your municipality's counter.
portal-notice-certificate-expiry = Your electronic certificate expires soon
portal-notice-certificate-expiry-text = Your electronic certificate expires on { $date }. You can now renew it: please do so at your municipality's counter.
portal-nav-consents = Consents
portal-consents-lead = These are the businesses you agreed, when logging in with your card, may receive your latest name, address, date of birth and sex each time they change (a year from your consent). You can withdraw a consent at any time.
portal-consents-none = You have not agreed that any business receives your latest information.
portal-consent-to = Business
portal-consent-withdraw = Withdraw consent
portal-consent-withdrawn = Your consent is withdrawn. This business will no longer receive your latest information.
login-item-self-resident-household = Your resident record information (household) held by agencies, read by the app (until you withdraw it, at most 90 days)
login-item-self-local-tax = Your local tax information (taxable income, tax amount) held by agencies, read by the app (until you withdraw it, at most 90 days)
login-item-self-child-allowance = Your child allowance information held by agencies, read by the app (until you withdraw it, at most 90 days)
login-self-legend = What { $client } may read
login-self-hint = Untick any information you do not want to give. You can withdraw your consent at any time on the Consents page of Your information.
portal-letters-heading = Language of your letters
portal-letters-label = Language of letters
portal-letters-hint = The language printed beside Japanese on the letters your municipality sends you.
portal-letters-button = Change the language
portal-letters-set = The language of your letters is saved. Letters from now on are written in it too.
portal-apps-heading = Apps that may read your information
portal-apps-lead = These are the apps you allowed, when logging in with your card, to read information agencies hold about you (the self-information API). They read only what you allowed, until the date shown. You can withdraw at any time.
portal-apps-none = You have not allowed any app to read your information.
portal-app = App
portal-app-items = Information it may read
portal-action-language-change = Changed the language of your letters
portal-action-app-granted = You allowed an app to read your information
portal-action-self-information-read = An app read your information
portal-action-app-grant-withdrawn = You withdrew an app's permission to read your information
portal-action-app-grants-ended = Your apps' permissions to get your information ended with your card
