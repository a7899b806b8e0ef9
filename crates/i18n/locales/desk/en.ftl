# Staff screens (the clerk's desk and the call center): English.

## Catalog metadata
meta-language-name = English
meta-script = latin

## Dates and times (Japan time)
date = {$day} {$month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
} {$year}
date-time = {$day} {$month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
} {$year}, {$hour}:{$minute} JST
# A Japanese national's date of birth with its Japanese era (和暦), as their documents give it.
date-with-era = {$date} ({$era ->
    [1] Meiji
    [2] Taishō
    [3] Shōwa
    [4] Heisei
   *[5] Reiwa
} {$year})

## Shared
desk-system-name = My Number desk
desk-skip-to-content = Skip to main content
desk-language = Language
desk-signed-in-as = {$name} ({$role})
desk-sign-out = Sign out
desk-nav-home = Home
desk-nav-search = Find a resident
desk-footer-design = These screens are built on the design tokens of the Digital Agency's design system.
desk-error-summary-title = Check what you entered
desk-error-summary-count = { $count ->
    [one] There is 1 problem.
   *[other] There are {$count} problems.
}
desk-required = Required
desk-submit = Submit

## Roles
role-administrator = Administrator
role-auditor = Auditor
role-call-center-operator = Call-center operator
role-registry-clerk = Registry clerk

## Sign-in
desk-sign-in-title = Sign in
desk-sign-in-lead = Enter your login name, your password and the 6-digit code your authenticator app shows.
desk-login = Login name
desk-password = Password
desk-code = Code (6 digits)
desk-code-hint = The number your authenticator app shows. It changes every 30 seconds.
desk-sign-in-button = Sign in
desk-sign-in-wrong = The login name, password or code is wrong.
desk-sign-in-locked = After repeated failures this login name cannot be used until {$time}.
desk-sign-in-ended = Your session has ended. Please sign in again.
desk-signed-out = You have signed out.
desk-no-login-yet = Using it for the first time? Enrol with the token your administrator gave you.
desk-enrol-link = Enrol a browser sign-in

## Enrolment
desk-enrol-title = Enrol a browser sign-in
desk-enrol-lead = Your token from the administrator shows who you are. Choose a login name and a password; on the next screen you set up your authenticator app.
desk-token = Token
desk-token-hint = It begins with "mn_". It is neither shown nor recorded.
desk-password-hint = At least 12 characters, without your login name.
desk-enrol-next = Next
desk-enrol-app-title = Set up your authenticator app
desk-enrol-app-lead = Scan the QR code with your authenticator app (Google Authenticator, Microsoft Authenticator and others), or type in the key below.
desk-enrol-key = Key
desk-enrol-qr-alt = QR code for your authenticator app
desk-enrol-confirm = Finish enrolment
desk-enrolled = Enrolled. When your authenticator app shows its next code, sign in with it.

## Home and search
desk-home-title = Home
desk-home-lead = Hello, {$name}. Find a resident to see their record.
desk-search-title = Find a resident
desk-search-lead = Search by the start of the name (kanji, kana or Latin letters) or alias, by date of birth, or both. Small and large kana, voicing marks, letter case and spaces do not matter.
desk-search-name = Name, reading, Latin name or alias
desk-search-birth = Date of birth
desk-search-button = Search
desk-search-results = Results
desk-search-count = { $count ->
    [0] No resident matches.
    [one] 1 resident matches.
   *[other] {$count} residents match.
}
desk-search-more = More residents match. Narrow the search with a date of birth or more of the name.
desk-search-recorded = Each record shown is recorded as read.
desk-search-need = Enter a name or a date of birth.

## Resident record
desk-resident-title = Resident record
desk-resident-code = Resident record code
desk-name = Name
desk-kana = Reading (kana)
desk-latin = Latin name
desk-alias = Alias
desk-birth = Date of birth
desk-sex = Sex
desk-address = Address
desk-municipality = Municipality code
desk-relationship = Relationship to head
desk-household = Household
desk-status = Status
desk-status-active = Registered
desk-status-removed = Removed
desk-history = History of changes
desk-version = Version
desk-procedure = Change
desk-effective = Effective
desk-recorded = Recorded
desk-recorded-by = Recorded by
desk-nationality = Nationality
# The country code alone: the register keeps no English country names.
desk-nationality-value = {$code}
desk-status-of-residence = Status of residence
desk-period-of-stay = Period of stay ends
desk-read-recorded = Reading this record has been recorded.

## Errors
desk-error-title = This cannot be shown
desk-error-denied = Your role or municipality does not allow this.
desk-error-not-found = The page or record you are looking for was not found.
desk-error-conflict = Something else changed it at the same time. Please try again.
desk-error-internal = Something went wrong. Please try again later. The problem has been logged.
desk-error-csrf = This form has expired. Reload the page and try again.
desk-error-back = Back to home

## Problems with input
field-login = Use 3 to 32 lower-case letters, digits, ".", "-" or "_", starting with a letter.
field-login-taken = Another staff member has this login name. Choose another.
field-password = Use 12 to 128 characters, without your login name.
field-token = The token is wrong or has expired.
field-code = The code is wrong. Enter the newest 6 digits your authenticator app shows.
field-enrolment-ended = The enrolment has expired. Please start again.
field-birth = Enter a date of birth that exists.
field-name = Enter at most 100 characters.

## Kinds of change
procedure-birth = Birth
procedure-foreign-first-registration = Foreign resident's first registration
procedure-import = Import
procedure-move-in = Move-in
procedure-move-in-with-certificate = Move-in (with a move-out certificate)
procedure-migration = Migration
procedure-address-change = Move within the municipality
procedure-death = Death
procedure-move-abroad = Move abroad
procedure-move-out = Move-out
procedure-name-change = Change of name
procedure-language-change = Change of the language of letters
procedure-period-of-stay-change = Change of the period of stay
procedure-stay-ended = End of the period of stay
procedure-stay-extension-applied = Extension of stay applied for
procedure-transfer-in = Transfer-in

## Sex (JIS X 0303)
sex-0 = Not known
sex-1 = Male
sex-2 = Female
sex-9 = Not applicable

## Relationship to the head of household
relationship-head = Head of household
relationship-spouse = Spouse
relationship-child = Child
relationship-child-in-law = Child's spouse
relationship-parent = Parent
relationship-grandparent = Grandparent
relationship-grandchild = Grandchild
relationship-sibling = Sibling
relationship-other-relative = Other relative
relationship-cohabitant = Cohabitant

## Reading an Individual Number
desk-number-title = Individual Number
desk-number-lead = An Individual Number may be shown only for an affair the law names. Choose the purpose: showing it is recorded with that purpose.
desk-number-purpose = Purpose
desk-number-button = Record the purpose and show
desk-number-shown = Shown for {$purpose} ({$time}). This has been recorded.
desk-number-masked = Last 4 digits
desk-number-reveal = Show the whole number
desk-number-back = Back to the resident record
purpose-social-security = Social security
purpose-tax = Tax
purpose-disaster-response = Disaster response
field-purpose = Choose a purpose.

## Registering a resident
desk-nav-register = Register a resident
desk-register-title = Register a resident (birth, move-in, foreign resident)
desk-register-lead = Enter what the notification says. For a Japanese national the reading in kana is required; for a foreign resident the Latin name, nationality and status of residence too. Registering assigns a resident record code and an Individual Number and queues the notification letter.
desk-register-procedure = Kind of notification
desk-register-effective = Effective date
desk-register-effective-hint = Left empty: the date of birth for a birth, otherwise today.
desk-family-name = Family name
desk-given-name = Given name
desk-family-kana = Family name in kana
desk-given-kana = Given name in kana
desk-kana-hint = In katakana.
desk-latin-hint = Required for a foreign resident (as in the passport).
desk-prefecture = Prefecture
desk-municipality-hint = The 6-digit local government code.
desk-address-rest = Street and number
desk-household-member = Resident record code of someone in the same household
desk-household-member-hint = To join an existing household. Left empty: the resident heads a new household.
desk-preferred-language = Language for letters
desk-preferred-language-hint = The language added to letters such as the Individual Number notification.
desk-foreign-items = Items of a foreign resident
desk-foreign-items-lead = Leave these empty for a Japanese national.
desk-nationality-hint = The country or region code (ISO 3166, e.g. VN, BR).
desk-residence-card = Residence card number
desk-register-button = Register
desk-registered = Registered. A resident record code and an Individual Number were assigned and the notification letter was queued.
field-invalid = Check this item.
field-family_name = Enter the family name (at most 100 characters, no unusable characters).
field-given_name = Check the given name (at most 100 characters).
field-family_name_kana = Enter the family name in katakana (required for Japanese nationals).
field-given_name_kana = Enter the given name in katakana (required for Japanese nationals).
field-latin_name = Enter the name in Latin letters (required for foreign residents).
field-alias = Check the alias (foreign residents only).
field-birth_date = Enter a date of birth that exists and is not in the future.
field-sex = Choose the sex.
field-prefecture = Check the prefecture (it must match the municipality code).
field-municipality_code = Enter the 6-digit municipality code with its check digit.
field-address = Enter the street and number.
field-relationship = Choose the relationship (a new household's first member is its head).
field-preferred_language = Choose the language for letters.
field-nationality = Enter the nationality as a country or region code.
field-residence_card_number = Check the residence card number (required for some statuses).
field-status_of_residence = Choose the status of residence.
field-period_of_stay_until = Check the end of the period of stay (required for some statuses; not a past date).
field-effective_date = Check the effective date.
field-household = Check the household (a resident record code of someone in it).
field-household_member = Check the resident record code of someone in the same household.
field-procedure = Choose the kind of notification.

## Changes to a registered resident
desk-procedures = Record a change
desk-procedure-title = Record a change
desk-procedure-effective-hint = Left empty: today.
desk-procedure-lead-address-change = A new address within the same municipality.
desk-procedure-lead-name-change = A new name. For a Japanese national, the reading in kana too.
desk-procedure-lead-move-out = A move to another municipality in Japan, which records the move-in when it is notified.
desk-procedure-lead-move-abroad = A move abroad.
desk-procedure-lead-death = Removal on death. The effective date is the date of death.
desk-destination = Destination municipality code
desk-with-card-out = Notified with the My Number Card (special move-out)
desk-with-card-abroad = The procedure to keep using the My Number Card abroad was done (before departure only)
desk-procedure-button = Record the change
desk-procedure-recorded = The change was recorded.
field-destination_municipality_code = Enter the destination's 6-digit municipality code with its check digit.
field-procedure-state = This record's state does not allow this change.

## Copies of the resident record
desk-document-title = Issue a copy of the resident record
desk-document-lead = Besides the name, date of birth, sex and address, only the items asked for are printed. The document is signed and can be checked by its verification code. Printing the Individual Number, at the person's own request, is done through the API.
desk-document-kind = Kind
desk-document-copy = Copy of the resident record
desk-document-recorded-matters = Certificate of recorded matters
desk-document-items = Items to print
desk-document-button = Issue the PDF
item-household = Every member of the household
item-householder = The head of household and the relationship
item-previous-address = The previous address
item-became-resident = The date they became a resident
item-residence-status = Nationality, status and period of stay (foreign residents)
item-resident-code = The resident record code
field-items = Check the items to print.
field-kind = Choose the kind.
field-municipality-name = This municipality has no name to print on documents yet. Ask an administrator to set it.

## The ledger
desk-nav-ledger = Audit the ledger
desk-ledger-title = Audit the ledger
desk-ledger-lead = Every change, and every reading of personal data or of a number, is in a ledger that cannot be altered unseen (hash chains and signed checkpoints). Readings of numbers are highlighted.
desk-ledger-verify-title = Verification
desk-ledger-verify-button = Verify now
desk-ledger-ok = Verified: {$partitions} partitions, {$entries} entries, nothing altered or missing (held to {$checkpoints} signed checkpoints).
desk-ledger-fault = Partition {$partition}, entry {$seq}: altered or missing entries are suspected.
desk-ledger-partition = Ledger of {$partition} (newest first)
desk-ledger-seq = No.
desk-ledger-actor = By
desk-ledger-action = What
desk-ledger-person = About (internal id)
desk-ledger-pages = Ledger pages
desk-ledger-older = Older entries
desk-ledger-newer = Newer entries

## Household
desk-household-view = See everyone in the household
desk-household-title = Household
desk-household-lead = Everyone in the household of {$name} (address: {$address}).

## The call center (suspending a lost or stolen card)
desk-nav-calls = Lost-card calls
desk-call-title = Lost or stolen card: suspension
desk-call-lead = Type what the caller says and check it. No resident record is shown: only when exactly one record matches are the states of that person's cards shown.
desk-call-language = Language of the call (of the script and the next steps)
desk-call-language-button = Change language
desk-call-caller = Caller
desk-caller-holder = The cardholder
desk-caller-family = A family member
desk-caller-representative = A legal representative
desk-call-name = Name (kana reading or Latin letters)
desk-call-name-hint = Type it as the caller says it: the reading or Latin letters, not kanji.
desk-call-address = Address (below the prefecture)
desk-call-address-hint = Up to the town and block numbers. No building or room is needed.
desk-call-recorded = Each check is recorded, and so is the reading of a record that matches.
desk-call-find = Check
desk-call-result = Result
desk-call-reference = Reference: {$call}
desk-call-found = One record matches. Suspend the card once the caller agrees.
desk-call-found-no-card = One record matches, but it has no card in use to suspend.
desk-call-not-found = No record matches. Check what you typed with the caller.
desk-call-ambiguous = Several records match, so the caller cannot be identified. No card can be suspended on this call.
desk-call-suspended = The card is suspended ({$time}). Its signature certificate is revoked and its user-authentication certificate is on hold.
desk-call-cards = Cards
desk-call-card-status = State
desk-call-card-expiry = Expires
desk-card-active = In use
desk-card-produced = Not yet collected
desk-card-suspended = Suspended
desk-card-expired = Expired
desk-card-ended = Cancelled or returned
desk-call-police = Police receipt number (if any)
desk-call-police-hint = The receipt number of the loss or theft report: up to 30 letters, digits and hyphens.
desk-call-confirm = I told the caller what suspension does, and they agreed
desk-call-open-for = Suspend within {$minutes} minutes of the check.
desk-call-suspend = Suspend the card
desk-call-next-steps = Show the caller's next steps (to print)
desk-call-new = Take the next call
desk-call-sheet-title = The caller's next steps
desk-call-sheet-lead = Shown in the language of the call. Read it out, or print it and send it.
desk-call-error-name = Type the name in kana or Latin letters (up to 100 characters).
desk-call-error-prefecture = Choose the prefecture.
desk-call-error-address = Type the town and block numbers.
desk-call-error-caller = Choose who is calling.
desk-call-error-confirm = Tick the confirmation once the caller has agreed.
desk-call-error-police = Type the receipt number in letters, digits and hyphens, up to 30 characters.
desk-call-error-expired = The check was too long ago to suspend the card. Check the caller again.
desk-call-error-no-card = There is no card in use (it is already suspended, or cancelled). Check the caller again.

## Changing an Individual Number (My Number Act, Art. 7(2): a request, then a second person's approval)
desk-nav-number-changes = Number changes to approve
desk-number-change-link = Request a change of Individual Number
desk-number-change-title = Request a change of Individual Number
desk-number-change-lead = A number is changed when it has leaked and may be misused (My Number Act, Article 7(2)). Nothing changes until a staff member other than the one who requested it approves.
desk-number-change-ground = Ground
desk-ground-person-request = At the person's request
desk-ground-ex-officio = Ex officio
desk-number-change-reason = Reason
desk-number-change-reason-hint = How the number leaked, and why misuse is feared.
desk-number-change-evidence = Supporting evidence
desk-number-change-evidence-hint = Required for a person's request (Enforcement Order, Article 3(3)): the material offered.
desk-number-change-button = Record the request
desk-number-change-recorded = The request to change the number is recorded.
desk-number-change-next = Another staff member approves or rejects it under "Number changes to approve". Once approved, a new number is issued, a notification letter is made, and the current card becomes void.
desk-number-change-id = Request
desk-number-change-refused = The number cannot be changed in this record's state (a deceased person's number is not changed).
desk-number-changes-title = Number changes to approve
desk-number-changes-lead = Requests to change a number, waiting for a decision by a staff member other than the requester. Each record listed is a reading, and is recorded.
desk-number-changes-count = { $count ->
    [0] No request is waiting.
    [one] 1 request is waiting.
   *[other] {$count} requests are waiting.
}
desk-number-change-requested = Requested
desk-number-change-mine = Requested by you
desk-number-change-decide-title = Decide a number change
desk-number-change-mine-warning = You recorded this request. Another staff member approves or rejects it.
desk-number-change-decision = Decision
desk-number-change-approve = Approve (issue a new number)
desk-number-change-reject = Reject
desk-number-change-decide = Record the decision
desk-number-change-approved = Approved. A new Individual Number is issued and its notification letter made; the current card and its certificates are void.
desk-number-change-rejected = Rejected. The number does not change.
desk-number-change-second-person = A staff member other than the one who requested it must decide this request.
desk-number-change-decided = Another staff member has already decided this request.
desk-number-change-choose = Choose whether to approve or reject.
desk-number-changes-back = Back to the requests waiting
desk-change-status-requested = Waiting for approval
desk-change-status-approved = Approved
desk-change-status-rejected = Rejected
field-ground = Choose the ground.
field-reason = Type the reason (up to 1000 characters).
field-evidence = For a person's request, describe the supporting evidence (up to 1000 characters).

## Cards (at the counter: application, production, pick-up notice, hand-over, suspension, end)
desk-error-too-large = What was sent is too large (a photo may be at most 7 MB).
desk-error-form = What was sent could not be read. Reload the page and send it again.
desk-cards-link = My Number Cards
desk-cards-title = My Number Cards
desk-cards = Cards
desk-cards-none = No cards.
desk-cards-recorded = Showing this page is recorded as a reading.
desk-cards-back = Back to the cards
desk-card-serial = Card number
desk-card-kind = Kind
desk-card-kind-standard = Standard card
desk-card-kind-face-recognition = Face-recognition card (no PINs)
desk-card-steps = Steps
desk-card-notice = Pick-up notice (PDF)
desk-card-suspend = Suspend
desk-card-end-abolished = Cancel: reported lost
desk-card-end-returned = Take it back: returned
desk-card-end-title-abolished = Cancel a lost card
desk-card-end-title-returned = Take back a returned card
desk-card-end-lead-abolished = The loss has been reported: the card is cancelled. A cancelled card can never be used again, even if it is found, and its certificates are revoked. This cannot be undone. If the card may still be found, suspend it instead.
desk-card-end-lead-returned = The card given back is taken and cancelled, and its certificates are revoked. This cannot be undone.
desk-card-end-confirm = I confirmed this with the holder (or their representative) and told them it cannot be undone.
desk-card-end-error-confirm = Once you have confirmed with the holder and told them it cannot be undone, tick this box.
desk-card-end-button-abolished = Cancel the card
desk-card-end-button-returned = Take the card back
desk-card-applications = Applications
desk-card-applications-none = No applications.
desk-card-received = Received
desk-card-reason = Reason
desk-card-fee = Fee
desk-yen = {$yen} yen
desk-card-produce = Produce the card
desk-card-apply-title = Receive a card application
desk-card-apply-lead = An application at the counter. The fee follows from the reason. The photo is checked with the application.
desk-card-reason-first = First card
desk-card-reason-renewal = Renewal at expiry
desk-card-reason-lost = Re-issue: lost
desk-card-reason-damaged = Re-issue: damaged
desk-card-reason-stolen = Re-issue: stolen
desk-card-reason-disaster = Re-issue: disaster
desk-card-reason-additions-full = Re-issue: additions field full
desk-card-reason-number-changed = Re-issue: Individual Number changed
desk-card-reason-resident-code-changed = Re-issue: resident record code changed
desk-card-reason-issuer-error = Re-issue: the municipality's or J-LIS's fault
desk-card-reason-reissue = Re-issue (with a fee)
desk-card-reason-reissue-free = Re-issue (free)
desk-card-with-certificates = Issue the electronic certificates
desk-card-express = Express issuance
desk-card-photo = Face photo (JPEG)
desk-card-photo-hint = A colour JPEG, 20 KB to 7 MB, 480 to 6,000 pixels on each side. Not needed for a child under 1.
desk-card-apply-button = Receive the application
desk-card-applied = The application is received (fee: {$yen} yen).
desk-card-error-reason = Choose the reason.
desk-card-error-kind = Choose the kind of card.
desk-card-error-refused = This step cannot be taken in the state of this record or card.
desk-card-error-busy = This card is in use by another procedure or program at this moment (nothing was tried on it). Try again once that has finished.
desk-card-produced-title = The card is produced
desk-card-produced-message = The card is produced. Save the card file and keep it until the pick-up: the server keeps no copy.
desk-card-file-download = Save the card file
desk-card-file-lead = The card file is the card itself (its keys are sealed). Keep it safe until it is handed to the holder.
desk-card-hand-over-title = Hand the card over
desk-card-hand-over-lead = Check the identity documents, load the card file saved at production, and let the holder set their PINs on the PIN pad.
desk-card-documents = Identity documents seen
desk-card-documents-hint = One with a photo, or two without.
desk-id-document-disability-certificate = Disability certificate
desk-id-document-drivers-licence = Driving licence
desk-id-document-employee-card = Employee ID card
desk-id-document-health-insurance = Health insurance certificate
desk-id-document-my-number-card = My Number Card
desk-id-document-passport = Passport
desk-id-document-pension-book = Pension book
desk-id-document-residence-card = Residence card
desk-id-document-special-permanent-resident-certificate = Special permanent resident certificate
desk-id-document-student-card = Student ID card
desk-card-file = Card file
desk-card-file-hint = The file (.mnc) saved when the card was produced.
desk-pin-pad = PIN pad (for the holder)
desk-pin-pad-lead = Staff step away from the screen: the holder types their PINs. A face-recognition card has no PINs.
desk-pin-signature = Signature certificate password
desk-pin-signature-hint = 6 to 16 capital letters and digits, with at least one of each.
desk-pin-authentication = User-authentication certificate PIN
desk-pin-authentication-hint = 4 digits.
desk-pin-resident-registry = Resident registry PIN
desk-pin-resident-registry-hint = 4 digits.
desk-pin-text-input = Text input support PIN
desk-pin-text-input-hint = 4 digits.
desk-card-hand-over-button = Hand over
desk-card-handed-over = The card is handed over. Save the card file with its PINs set and give it to the holder.
desk-card-error-documents = Check the identity documents: one with a photo, or two without.
desk-card-error-card-file = Choose this card's card file (the newest, saved at production).
desk-card-suspended-message = The card is suspended. Its signature certificate is revoked and its user-authentication certificate is on hold.
desk-card-error-end = Choose whether the card is cancelled or returned.
desk-card-ended-abolished = The card is cancelled. It cannot be used again, even if found. Its certificates are revoked.
desk-card-ended-returned = The card is returned. Its certificates are revoked.
desk-call-error-limit = Too many checks in the last hour matched nobody. Ask a supervisor before checking again (this limit is recorded).

## Notification letters (by status, delivery outcomes, returned letters past their retention)
desk-nav-letters = Letters
desk-letters-title = Notification letters
desk-letters-lead = The municipality's Individual Number notification letters, by status. Nothing about the addressee is shown.
desk-letters-queued = { $count ->
    [0] No letter is waiting to be printed.
    [one] 1 letter is waiting to be printed.
   *[other] {$count} letters are waiting to be printed.
}
desk-letters-filter = Status
desk-letters-count = { $count ->
    [0] No letters in this status.
    [one] 1 letter.
   *[other] {$count} letters (the newest 200 at most).
}
desk-letter-application-id = Application ID
desk-letter-application-id-hint = The 23 digits printed on the letter (spaces and hyphens may be left out).
desk-letter-queued = Made
desk-letter-sent = Sent to print
desk-letter-outcome = Delivery outcome
desk-letter-record = Record a delivery outcome
desk-letter-record-lead = Record a confirmed delivery, a letter returned undelivered, or a letter handed over at the counter, by its application ID.
desk-letter-record-button = Record
desk-letter-outcome-delivered = Delivered
desk-letter-outcome-returned = Returned (kept at the counter)
desk-letter-outcome-handed-over = Handed over at the counter
desk-letter-recorded = The letter {$id} is now "{$status}".
desk-letter-error-id = Type the application ID: 23 digits, with its check digit.
desk-letter-error-outcome = Choose the delivery outcome.
desk-letter-error-unknown = This municipality has no letter with this application ID.
desk-letter-error-state = This outcome cannot be recorded in the letter's present status (a letter is handed over at the counter only once it has come back).
desk-letters-destroy-title = Destroy letters past their retention
desk-letters-destroy-lead = Records the returned letters held past their retention as destroyed.
desk-letters-destroy-button = Record the destruction
desk-letters-destroyed = { $count ->
    [0] No letter was past its retention.
    [one] 1 letter recorded as destroyed.
   *[other] {$count} letters recorded as destroyed.
}
desk-letters-print = The command line (mynumber notices print) prints any number of waiting letters at once, marking them sent once each file is saved.
desk-letters-print-title = Print letters
desk-letters-print-lead = Puts the letters waiting to be printed into one PDF for the print shop and downloads it. They are marked sent when the PDF is made. If the download fails, print the same letters once more, that day, from "Print batches" below.
desk-letters-print-size = Letters in this print run
desk-letters-print-size-hint = A number from 1 to 500. For larger runs, use the command line (mynumber notices print).
desk-letters-print-button = Print (PDF)
desk-letters-error-size = Enter the letters in this print run as a number from 1 to 500.
desk-letters-nothing-to-print = No letter was waiting to be printed. Nothing was printed.
desk-letters-batches-title = Print batches
desk-letters-batches-lead = Newest first. "Still out" counts the letters mailed with no delivery or return recorded yet. If a download failed, a batch can be printed again once, on the day it was first printed: only its letters still out whose number has not changed and whose addressee still lives in this municipality, with the application ID and issue date they were first printed with. Every print is recorded.
desk-letters-batches-none = This municipality has no print batch yet.
desk-letters-batch = Batch
desk-letters-batch-printed = Printed
desk-letters-batch-letters = Letters
desk-letters-batch-out = Still out
desk-letters-batch-action = Action
desk-letters-batch-reprint = Print again
desk-letters-batch-reprint-label = Print again: batch {$batch}
desk-letters-error-batch-unknown = This municipality has no such print batch.
desk-letters-error-batch-none-out = This batch cannot be printed again. A batch is printed again only once, on the day it was first printed, and never a letter that was delivered or returned, whose number changed, or whose addressee has moved away or died.
desk-letter-status-queued = Waiting to be printed
desk-letter-status-sent = Sent
desk-letter-status-delivered = Delivered
desk-letter-status-returned = Returned (kept at the counter)
desk-letter-status-handed-over = Handed over at the counter
desk-letter-status-destroyed = Destroyed
desk-letter-status-superseded = Withdrawn (the number changed)
desk-card-resume-title = Lift the suspension
desk-card-resume-lead = Lift a found card's suspension at the counter, with the holder's identity checked (never by phone). The signature certificate, revoked at the suspension, is issued anew and written to the card.
desk-card-resume-documents-hint = Besides the found card: one document with a photo, or two without.
desk-card-resume-file-hint = The found card's card file (.mnc).
desk-card-resume-button = Lift the suspension
desk-card-resumed = The suspension is lifted. A new signature certificate is issued and written to the card. Save the card file and give it to the holder.

## Signed checkpoints (national auditors and administrators)
desk-nav-checkpoints = Checkpoints
desk-checkpoints-title = Signed checkpoints
desk-checkpoints-lead = A checkpoint is a signature over the last entry (sequence number and hash) of every partition of the ledger at that moment. A copy kept elsewhere proves later that nothing before it was rewritten.
desk-checkpoint-sign = Sign the present heads
desk-checkpoint-signed = A checkpoint is signed ({$partitions} partitions).
desk-checkpoint-newest = The newest checkpoint
desk-checkpoint-at = Signed
desk-checkpoint-key = Signing key
desk-checkpoint-partition = Partition
desk-checkpoint-hash = Hash of the last entry
desk-checkpoint-text = Text to keep
desk-checkpoint-text-hint = Keep this text elsewhere. It verifies the ledger later (mynumber ledger verify --checkpoint).
desk-checkpoint-none = No checkpoint yet.

## API problems (problem+json's message: per code, in the reader's language)
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
desk-document-number-title = The Individual Number (at the person's own request)
desk-document-number-hint = The number is printed only when the person (or a member of their household) asks for it. Choose the identity documents you checked (one with a photo, or two without). Printing it is recorded as a reading of the number.
desk-document-number-item = Print the Individual Number (the person's own request)
desk-document-number-documents-error = To print the number, choose the identity documents checked: one with a photo, or two without.
desk-procedure-lead-period-of-stay-change = A foreign resident's new status of residence and period of stay (an extension granted included), as the residence card shows them.
desk-procedure-lead-stay-extension-applied = Records that an application to extend the stay was filed before the period ended. While it awaits a decision (at most two months after the period's end), the record is not removed (the special period).

## Field problems of the use cases, by catalog key (issue 11)
problem-login-taken = is taken by another staff member; choose another
problem-enrolment-ended = this enrolment has ended; start again
problem-totp-code = is not the code the app shows now; type the newest
problem-required-why-exception-most = is required: why the exception, in at most 200 characters on one line, without quotes or numbers
problem-card-resident-use = is not a card of this resident in use
problem-certificates-issued-resident-active = certificates are issued only to a resident with an active record
problem-signature-certificate-issued-child = a signature certificate is not issued to a child under 15 (facts §3.1); issue the user-authentication certificate
problem-privilegewithdrawn-holder-s-request = must be privilegeWithdrawn (the holder's request), keyCompromise or unspecified
problem-cessationofoperation-card-voided-returned = must be cessationOfOperation (the card voided, returned or expired), privilegeWithdrawn, keyCompromise or unspecified
problem-give-name-date-birth = give a name, a date of birth, or both
problem-head-new-household-headed = must be head: a new household is headed by the person who starts it
problem-cannot-head-when-joining = cannot be head when joining an existing household
problem-japanese-national-keeps-card = only a Japanese national keeps the card abroad; a foreign national's card is returned on leaving Japan
problem-procedure-keep-card-abroad = the procedure to keep the card abroad is filed with a My Number Card in use, and this person has none
problem-procedure-keep-card-abroad-2 = the procedure to keep the card abroad is done before the day of departure: date the move-out with the planned day, after today
problem-card-person-use = is not a card of this person in use
problem-required-move-out-states = is required: a move-out (転出届) states the municipality moved to (住民基本台帳法第24条)
problem-special-move-out-filed = the special move-out (特例転出) is filed with a My Number Card in use, and this person has none
problem-belongs-another-municipality = belongs to another municipality
problem-import-file-most-4 = an import file has at most 4,294,967,295 lines
problem-required-label-shared-household = is required (a label shared by the household's rows)
problem-municipality-name-required = is required, e.g. 新宿区
problem-individual-number-printed-lawful = individual-number is printed only for a lawful purpose or at the person's own request; give one
problem-verification-code-16-letters = a verification code has 16 letters and digits, e.g. K7QM-2XRT-9B4D-HW3P
problem-administrator-does-disable-themselves = an administrator does not disable themselves; another administrator must
problem-revoked-already = is revoked already
problem-required-most-100-characters = is required (at most 100 characters)
problem-resident-s-record-longer = the resident's record is no longer active; the card is not produced
problem-face-recognition-card-carries = a face-recognition card carries no certificates
problem-holder-moved-here-card = the holder moved here and the card is not continued yet: amend it (継続利用) first
problem-name-least-signature-authentication = name at least one: signature or authentication
problem-clerk-ends-card-abolished = a clerk ends a card as abolished (lost) or returned; expiry and replacement follow by themselves
problem-caller-was-identified-call = no caller was identified on this call
problem-caller-card-use-suspended = the caller has no card in use: it is suspended already, ended, or not yet handed over
problem-card-foreign-resident-fixed = only the card of a foreign resident with a fixed period of stay is extended
problem-card-follows-active-record = a card follows only an active record
problem-card-text-application = the card has no text application
problem-card-already-shows-record = the card already shows the record's name and address
problem-resident-registry-pin-missing = the resident-registry PIN is missing
problem-card-resident-registry-pin = this card has no resident-registry PIN
problem-card-issued-resident-active = a card is issued only to a resident with an active record
problem-form-was-printed-name = the form was printed for a name or address that has since changed, so it can no longer be used; ask the municipality for a new form (facts §2.5)
problem-application-id-form-issued = is not the application ID of a form issued to this resident
problem-child-under-1-gets = a child under 1 gets a card without a photo; send none
problem-required-jpeg-face-photo = is required: a JPEG face photo (facts §2.6)
problem-face-recognition-no-certificates = a face-recognition card carries no certificates (facts §2.1)
problem-application-resident-already-waiting = an application of this resident is already waiting for its card
problem-there-card-use-renew = there is no card in use to renew; apply for a first card or a re-issue
problem-full-additions-field-card = a full additions field (追記欄) is that of the card in use, and this resident has none; name what ended the last card
problem-resident-had-card-before = this resident has had a card before: apply for a re-issue
problem-resident-never-had-card = this resident has never had a card: apply for a first card
problem-required = is required
problem-6-digit-local-government = must be the 6-digit local-government code (e.g. 131041)
problem-check-digit-6th-digit = the check digit (6th digit) does not match
problem-required-town-block-number = is required (town, block and number)
problem-give-3-32-letters = give 3 to 32 letters, digits, dots, hyphens or underscores, starting with a letter
problem-do-use-login-name = do not use the login name in the password
problem-required-how-number-leaked = is required: how the number leaked and why misuse is feared (番号法第7条第2項)
problem-required-person-s-request = is required for a person's request: the material offered to show the leak (施行令第3条第3項)
problem-migration-keeps-each-resident = a migration keeps each resident's resident record code and number: both are required
problem-move-move-out-certificate = a move-in with a move-out certificate (転出証明書) keeps the resident record code and number it shows: both are required
problem-birth-registered-birth-date = a birth is registered with the birth date as its effective date
problem-foreign-resident-s-first = a foreign resident's first registration needs a nationality other than JP
problem-before-birth-date = is before the birth date
problem-differs-from-record-change = differs from the record; a change of nationality is a different procedure
problem-give-name-caller-says = give the name as the caller says it
problem-give-town-block-numbers = give the town and the block numbers as the caller says them
problem-express-issuance-first-card = express issuance of a first card is for a child under 1 or within 30 days of becoming a resident
problem-express-issuance-offered-renewal = express issuance is not offered for a renewal
problem-show-photo-document-issued = show one photo document issued by a public body (driving licence, passport, residence card, …) or two different documents without a photo (health insurance, pension book, student or employee card)
problem-resuming-card-needs-found = resuming a card needs the found card and a second identity document besides it: one with a photo issued by a public body (driving licence, passport, residence card, …) or two different ones without a photo (health insurance, pension book, student or employee card)
problem-jpeg-file-save-photo = is not a JPEG file (save the photo as JPEG)
problem-greyscale-colour-rgb-photo = is greyscale; it must be a colour (RGB) photo
problem-cmyk-rgb-photo-save = is in CMYK; it must be an RGB photo (save it in RGB colour)
problem-may-hold-letters-z = may hold only the letters A to Z and the digits 0 to 9
problem-hold-least-letter-least = must hold at least one letter and at least one digit
problem-exactly-4-digits = must be exactly 4 digits
problem-jis-x-0303-codes = JIS X 0303 codes 0 (not known) and 9 (not applicable) are not used in the resident register; use 1 (male) or 2 (female)
problem-2-letters-8-digits = must be 2 letters, 8 digits and 2 letters (e.g. AB12345678CD)
problem-required-katakana-reading = is required (katakana reading)
problem-registered-alias-recorded-foreign = a registered alias (通称) is recorded only for foreign residents
problem-required-foreign-resident-name = is required for a foreign resident (the name as on the residence card)
problem-required-yyyy-mm-dd = is required (YYYY-MM-DD)
problem-future = is in the future
problem-more-than-130-years = is more than 130 years ago
problem-already-passed-resident-record = has already passed; a resident record needs a current period of stay
problem-additions-not-full = the additions field (追記欄) of card { $serial } has { $used } of its { $lines } lines used; a free re-issue for it comes once it is full
problem-application-id-needed = a { $channel } application needs the 23-digit application ID printed on the form
problem-before-move-out = is before the move-out date, { $date }
problem-call-expired = the caller was found more than { $minutes } minutes ago: ask again and look them up again
problem-call-limited = { $count } checks in the last hour matched nobody: ask a supervisor before checking again
problem-card-expired = { $hierarchy }: the card expired on { $date }
problem-card-file-damaged = cannot be read as a card file: it is damaged, altered or of a format this system does not read
problem-card-file-no-key = was made by another installation: this one holds no key for card { $serial }
problem-card-file-stale = is an older copy of the card's file: the card has changed since (a PIN tried or a step taken); choose the file handed out last
problem-card-file-other = is not the file of card { $serial }
problem-card-has-no-pin = this card has no { $pin ->
    [signature] signature certificate password
    [authentication] user-authentication certificate PIN
    [resident-registry] resident registry PIN
    [text-input] text input support PIN
   *[other] { $pin } PIN
}
problem-card-nothing-to-extend = the card is valid until { $until }; the period of stay recorded ends { $stay }, so there is nothing to extend (record the new period of stay first)
problem-card-number-required = is required for status { $status }
problem-card-reason = must be one of { $codes }; a re-issue names its cause, and the fee follows from it
problem-card-renewal-early = card { $serial } is valid until { $until }; it can be renewed from { $opens }
problem-card-still-in-use = card { $serial } is still in use ({ $status }); renew it from three months before it expires, or report it lost first
problem-certificate-ends-with-card = { $hierarchy }: a new certificate would end on { $date }, when the card does, no later than the one in force: renew the card
problem-certificate-in-force = { $hierarchy }: the certificate in force is valid until { $until }; it can be renewed from { $opens }
problem-certificate-twice = { $hierarchy } is named twice
problem-date-form = { $given } is not a date in the form YYYY-MM-DD
problem-express-reissue-late = express issuance of a re-issue is for 30 days after the event; the last card ended on { $date }
problem-express-reissue-late-undated = express issuance of a re-issue is for 30 days after the event
problem-holder-certificate-in-force = the holder's { $hierarchy } certificate is valid until { $until }; it can be renewed from { $opens }
problem-import-denied = { $detail }
problem-import-household-elsewhere = household { $label } is in municipality { $household_municipality }, this row in { $row_municipality }
problem-import-second-head = household { $label } already has a head
problem-items = must each be one of: { $codes }
problem-katakana = must be written in katakana; { $character } is not
problem-katakana-hiragana = must be written in katakana; { $character } is not (hiragana: write the reading in katakana)
problem-language-unknown = { $given } is not supported; use one of: { $codes }
problem-latin-character = may hold only Latin letters, spaces, hyphens, apostrophes, periods and commas; { $character } is not allowed
problem-move-out-ahead = is more than { $days } days ahead: a move-out is filed at most { $days } days before its planned date
problem-municipality-code-prefecture = starts with { $start }, which is not a prefecture code (01-47)
problem-municipality-unnamed = municipality { $code } has no name to print; set it with `mynumber municipality name { $code } <name>`
problem-nationality-unknown = { $given } is not a country or region: give its ISO 3166-1 code (VN or VNM, CN, BR; XX for stateless) or its Japanese name (ベトナム)
problem-number-character = character { $character } at position { $position } is not a digit, space or hyphen
problem-number-check-digit = the check digit does not match
problem-number-empty = no digits were given
problem-number-length = expected { $expected } digits, found { $found }
problem-number-not-carried = a { $procedure } is given a new resident record code and number; only a move-in or a migration keeps those the person holds
problem-number-taken = { $line ->
    [0] this number is, or was, another person's in the register (a number is never issued twice)
   *[other] line { $line }: this number is, or was, another person's in the register (a number is never issued twice)
}
problem-one-of = must be one of: { $codes }
problem-password-length = give { $min } to { $max } characters
problem-photo-components = has { $count } colour components; it must be an RGB photo
problem-photo-height = is { $pixels } pixels in height; each side must be 480 to 6,000 pixels
problem-photo-large = is { $mb } MB; it must be at most 7 MB
problem-photo-small = is { $kb } KB; it must be at least 20 KB
problem-photo-width = is { $pixels } pixels in width; each side must be 480 to 6,000 pixels
problem-pin-locked = the { $pin ->
    [signature] signature certificate password
    [authentication] user-authentication certificate PIN
    [resident-registry] resident registry PIN
    [text-input] text input support PIN
   *[other] { $pin } PIN
} is locked; reset it at the counter first
problem-pin-missing = the { $pin ->
    [signature] signature certificate password
    [authentication] user-authentication certificate PIN
    [resident-registry] resident registry PIN
    [text-input] text input support PIN
   *[other] { $pin } PIN
} is missing
problem-pin-not-needed = the { $pin ->
    [signature] signature certificate password
    [authentication] user-authentication certificate PIN
    [resident-registry] resident registry PIN
    [text-input] text input support PIN
   *[other] { $pin } PIN
} is not needed for the certificates asked for
problem-pin-not-on-card = this card has no { $pin ->
    [signature] signature certificate password
    [authentication] user-authentication certificate PIN
    [resident-registry] resident registry PIN
    [text-input] text input support PIN
   *[other] { $pin } PIN
} to set
problem-police-report = give the receipt number (受理番号) as the police wrote it: up to { $max } digits, letters and hyphens
problem-prefecture-code = code { $code } is not between 1 and 47
problem-prefecture-mismatch = { $prefecture } does not match municipality code { $code } (which is in { $actual })
problem-prefecture-unknown = { $given } is not one of the 47 prefectures (e.g. 東京都, or its code 13)
problem-public-key = { $detail }
problem-purpose-configured = configured purpose { $given } must be kebab-case (a-z, 0-9, -)
problem-purpose-required = is required to read an Individual Number; one of: { $codes }
problem-purpose-unknown = { $given } is not a lawful purpose here; one of: { $codes }
problem-purpose-code = must be a code in a-z, 0-9 and -, up to 64 characters, not starting with - (e.g. withholding-slip)
problem-purpose-text = must not be empty
problem-purpose-retention = must be the years to keep, from 1 to { $max } (counted from the day the affair ends)
problem-organisation-name = must name the organisation
problem-organisation-event = cannot { $event } an organisation that is { $status }
problem-organisation-registered = an organisation with this corporate number is registered already (it may be registered again only after a revocation)
problem-organisation-collects-not = this organisation's roles do not collect Individual Numbers, so it registers no purposes
problem-purpose-taken = purpose code { $given } is used by this organisation already (a withdrawn purpose's code too)
problem-collection-mismatch = the Individual Number, the name and the date of birth are not one resident's in the register; check the document that showed the number and the identity documents again
problem-collection-ended-on = must be a day from the collection ({ $from }) to today ({ $to })
problem-redirect-uris = give from 1 to { $max } redirection URIs (and at most { $max } logout URIs)
problem-redirect-uri = { $given } cannot be registered: it must be https (http only on the loopback), without a fragment or spaces, at most 512 characters
problem-base64url = must be base64url without padding (RFC 4648 §5)
problem-digest-length = must be a SHA-256 digest (32 bytes)
problem-digest-info = must be a DER DigestInfo of SHA-256, SHA-384 or SHA-512 with NULL parameters
problem-digest-cms = the cms format needs a SHA-256 digest
problem-latest-four-certificate = give a signature certificate issued by this system
problem-digest-one = give exactly one of digest and digest_info
problem-signature-one = give either cms (with content when detached) or signature, certificate and digest_info together
problem-time = must be an RFC 3339 time, such as 2026-12-05T10:00:00Z
problem-collection-ended = the end of this collection's affair was recorded already, or the number was deleted
problem-collection-deleted = this number's deletion was recorded already
problem-key-id = must be a key id of letters, digits, -, _ and ., up to 64 characters
problem-key-p256 = must be a P-256 EC public key (a JWK with kty "EC" and crv "P-256")
problem-key-private = a JWK with its private part ("d") is refused: send the public key (x and y) only, and replace the key you sent, as disclosed
problem-platform = the platform must be another organisation in force, registered as a signature or authentication verifier, and not itself through a platform; a revoked organisation cannot have one
problem-key-id-taken = key id { $given } is registered for this organisation already
problem-request = { $detail }
problem-resident-code-taken = { $line ->
    [0] this resident record code is held by another person in the register
   *[other] line { $line }: this resident record code is held by another person in the register
}
problem-search-limit = give a limit from 1 to { $max }
problem-sex-unknown = { $given } is not a JIS X 0303 code; use 1 (male) or 2 (female)
problem-signature-certificate-age = { $hierarchy }: a signature certificate is issued only from age { $age }; the holder reaches it on { $date }
problem-signature-pin-length = must be 6 to 16 characters, not { $length }
problem-staff-disabled-already = is disabled already
problem-staff-not-disabled = is not disabled
problem-status-unknown = { $given } is not a status of residence that carries a resident record (e.g. student, permanent-resident, 留学)
problem-stay-not-applicable = must be empty: status { $status } has no period of stay
problem-stay-required = is required for status { $status } (YYYY-MM-DD)
problem-text-control = contains the control character { $character }
problem-text-invisible = contains the invisible character { $character }, which would make the text display differently from what it holds; remove it
problem-text-length = is { $length } characters long; at most { $max } are allowed
problem-token-days = must be from 1 to { $max }

# Problems found by the API itself, in a request's own fields (issue 11): the English is what
# programs read in `problem`, as before these were catalog keys.
problem-base64 = is not base64
problem-card-channel = must be counter, mail, online or photo-booth
problem-card-end-reason = must be abolished or returned
problem-card-kind = must be standard or face-recognition
problem-certificate-kind = must be signature or authentication
problem-certificate-named = { $given } is not a certificate: signature or authentication
problem-charset = must be utf-8 or shift_jis (cp932, windows-31j: Excel's CSV in Japan)
problem-delivery-outcome = must be delivered, returned or handed-over
problem-hex-id = is 32 hex digits
problem-household-id = is not a household id (32 hex digits)
problem-identity-document = { $given } is not a known identity document
problem-import-layout = must be new or existing
problem-import-name = is required: the file's name, 1 to 200 characters, none of them a control character
problem-import-not-text = is neither UTF-8 nor Shift_JIS (CP932) text; send it as UTF-8, or name its charset
problem-ledger-limit = must be between 1 and 1000
problem-negative = must not be negative
problem-notice-status = must be queued, sent, delivered, returned, handed-over, destroyed or superseded
problem-ocsp-request-body = must be a DER OCSPRequest (application/ocsp-request)
problem-pem-csr = is not a PEM CERTIFICATE REQUEST block
problem-pin-kind = must be signature, authentication, resident-registry or text-input
problem-purpose-or-own-request = give a purpose or the person's own request, not both
problem-record-kind = { $given } is not copy or recorded-matters
problem-registration-procedure = must be one of: birth, move-in, move-in-with-certificate, foreign-first-registration
problem-request-id = is not a request id (32 hex digits)
problem-unreadable = { $detail }

## Transfer-in (by this register's record)
desk-register-transfer-in = When the person moved out of a municipality that also uses this register, or comes back from abroad, do not register them anew: take in the record that was removed.
desk-register-transfer-in-link = Transfer-in (by this register's record)
desk-transfer-in-title = Transfer-in (by this register's record)
desk-transfer-in-lead = The transfer-in of someone who filed a move-out with another municipality, or who moved abroad. The removed record is found by its resident record code and written with an address in this municipality. The resident record code and the Individual Number stay the same.
desk-transfer-in-code = Resident record code
desk-transfer-in-code-hint = The 11 digits on the certificate of move-out or a similar document.
desk-transfer-in-card = My Number Card's card number (when the card is shown)
desk-transfer-in-card-hint = Someone who moved out with their card (special move-out) must show the card.
desk-transfer-in-button = Record the transfer-in
field-transfer-in-code = A resident record code is 11 digits. Check it.
field-transfer-in-none = No record awaits a transfer-in to this municipality under this resident record code. Check the code and the municipality code moved to.
field-transfer-in-refused = This record cannot be taken in as entered. Check the municipality the person moved out to, that they are no longer registered, and, if they moved out with their card (special move-out), its card number.

## A card in use: steps at the counter
desk-card-pin-reset-title = Reset a PIN
desk-card-pin-reset-lead = When the holder has forgotten a PIN, or it locked after 3 wrong tries (5 for the signature password), check their identity and set the PIN anew.
desk-card-pin-reset-done = The PIN was reset. Save the card file and give it to the holder.
desk-card-amendment-title = Amend the card (continued use)
desk-card-amendment-lead = After a move or a change of name, the card is brought in line with the resident record and a line is added to its additions field. After a transfer-in, this is the continued use of the card, due within 90 days of the transfer-in. The holder enters the resident registry PIN.
desk-card-amendment-done = The card now shows the resident record. Save the card file and give it to the holder.
desk-card-extension-title = Extend the card
desk-card-extension-lead = A foreign resident's card is extended to the end of the new period of stay (while an extension of the stay is applied for, to the end of the special period). The holder enters the resident registry PIN.
desk-card-extension-done = The card was extended. Save the card file and give it to the holder.
desk-card-certificates-title = Issue certificates
desk-card-certificates-lead = Issue (renew or re-issue) certificates on a card in use. The card makes new keys, and a certificate replaced is revoked. For a certificate the card holds, enter its current PIN; for one new to the card, the PIN the holder chooses.
desk-card-certificates-done = The certificates were issued and written to the card. Save the card file and give it to the holder.
desk-card-certificates-which = Certificates to issue
desk-card-certificate-signature = Signature certificate
desk-card-certificate-authentication = User authentication certificate
desk-card-pin-kind = PIN to reset
desk-card-new-pin = New PIN
desk-card-new-pin-hint = The signature password is 6 to 16 capital letters and digits; the others are 4 digits.
desk-card-step-documents-hint = Besides the card: one document with a photo, or two without.
desk-card-step-file-hint = Choose this card's newest card file (.mnc).
desk-card-kept-file-hint = The card stays in the reader: the form keeps the card file of the last try and uses it. Choose a file only to use another one.
desk-card-step-pin-lead = Staff, step away from the screen. The holder enters the PIN.
desk-card-step-button = Carry out
desk-card-error-pin-kind = Choose the PIN to reset.
desk-card-error-certificates = Choose the certificates to issue.
desk-card-wrong-pin = The { $pin } is wrong. { $tries } more wrong tries lock it.
desk-card-wrong-pin-last = The { $pin } is wrong. One more wrong try locks it.
desk-card-kept-file = The form keeps the card file of the last wrong PIN for the next try. If the holder leaves now, save it and give it to them.
desk-card-retry-file = The card counted the wrong try, in its card file: the file handed in no longer opens. The form keeps the new file for the next try. If the holder leaves now, save it and give it to them.
desk-card-pin-locked = The { $pin } is wrong, and it is now locked. Save the card file below, then reset the PIN with "Reset a PIN" and choose that file there.

## Passkeys
desk-passkeys-title = Passkeys
desk-passkeys-home = sign in with a passkey (a key checked with your fingerprint, face or PIN) instead of the authenticator app's code.
desk-passkeys-lead = A passkey is a key kept on this device or your phone. At sign-in, with your password, it takes the place of the authenticator app's code. A passkey works only after it checks that it is you (fingerprint, face or PIN).
desk-passkeys-yours = Your passkeys
desk-passkeys-none = You have no passkey yet.
desk-passkey-name = Name
desk-passkey-name-hint = A name that tells which device holds it (for example: counter PC).
desk-passkey-id = Identifier
desk-passkey-created = Registered
desk-passkey-last-used = Last used
desk-passkey-never = Not used yet
desk-passkey-remove = Remove
desk-passkey-add = Register a passkey
desk-passkey-add-button = Register a passkey
desk-passkey-needs-script = Registering a passkey needs JavaScript. Without it, sign in with the authenticator app's code.
desk-passkey-not-made = The passkey could not be made. Try again, or use another device.
desk-passkey-not-used = The passkey could not be used. You can also sign in with the authenticator app's code.
desk-sign-in-passkey = Sign in with a passkey instead of a code
problem-passkey-name = enter the passkey's name, at most 64 characters
problem-passkey-challenge = the registration expired; register again
problem-passkey-refused = this passkey cannot be used; try another device
problem-passkey-too-many = at most { $max } passkeys; remove one you no longer use
problem-passkey-registered = this passkey is registered already

## An import's header row
problem-import-number-column = the file has an individual_number column: this import issues new numbers; to move in a register whose residents keep their numbers and resident record codes, import it as an existing register (--existing, or layout=existing over the API)
problem-import-existing-columns = an import of an existing register (--existing, layout=existing) needs the resident_code and individual_number columns: each resident keeps the code and number they hold
problem-import-unknown-column = unknown column { $given }; the columns are: { $codes }
problem-import-not-a-column = column { $position } of the header row is not a column name; is the header row missing? The columns are: { $codes }
problem-import-column-twice = column { $given } appears twice
problem-import-columns-missing = the header lacks required column(s): { $codes }
problem-import-header-unreadable = reading the header row: { $detail }
desk-passkey-password-hint = To confirm it is you, type your sign-in password again.
problem-passkey-password = the password is wrong

## Statuses of residence (Immigration Control Act, Appended Tables I and II), as the Immigration Services Agency names them in English
desk-sor-artist = Artist
desk-sor-business-manager = Business Manager
desk-sor-cultural-activities = Cultural Activities
desk-sor-dependent = Dependent
desk-sor-designated-activities = Designated Activities
desk-sor-engineer-humanities-international = Engineer / Specialist in Humanities / International Services
desk-sor-entertainer = Entertainer
desk-sor-highly-skilled-professional-i = Highly Skilled Professional (i)
desk-sor-highly-skilled-professional-ii = Highly Skilled Professional (ii)
desk-sor-instructor = Instructor
desk-sor-intra-company-transferee = Intra-company Transferee
desk-sor-journalist = Journalist
desk-sor-legal-accounting-services = Legal / Accounting Services
desk-sor-long-term-resident = Long-Term Resident
desk-sor-medical-services = Medical Services
desk-sor-nursing-care = Nursing Care
desk-sor-permanent-resident = Permanent Resident
desk-sor-professor = Professor
desk-sor-provisional-stay = Provisional Stay
desk-sor-religious-activities = Religious Activities
desk-sor-researcher = Researcher
desk-sor-skilled-labor = Skilled Labor
desk-sor-special-permanent-resident = Special Permanent Resident
desk-sor-specified-skilled-worker-i = Specified Skilled Worker (i)
desk-sor-specified-skilled-worker-ii = Specified Skilled Worker (ii)
desk-sor-spouse-of-japanese-national = Spouse or Child of Japanese National
desk-sor-spouse-of-permanent-resident = Spouse or Child of Permanent Resident
desk-sor-student = Student
desk-sor-technical-intern-training = Technical Intern Training
desk-sor-temporary-refuge = Temporary Refuge
desk-sor-trainee = Trainee
desk-sor-transitional-stay-birth = Transitional Stay (birth)
desk-sor-transitional-stay-loss-of-nationality = Transitional Stay (loss of Japanese nationality)

## Seal registration (issue 13: register, change, abolish, report lost)
problem-seal-image-not-png = is not a PNG file, or it is damaged; save the scanned impression as PNG
problem-seal-image-too-big = is larger than { $max_mib } MiB; crop the image to the impression
problem-seal-image-no-resolution = records no resolution (dpi), so the impression cannot be measured; scan with the resolution recorded
problem-seal-under-age = a resident under { $age } cannot register a seal
problem-seal-adult-ward = an adult ward cannot register a seal
problem-seal-not-resident = the person is not a resident of this municipality, so no seal can be registered
problem-seal-already-registered = a seal is registered already; each resident registers one seal; to use another seal, change it (改印)
problem-seal-too-small = the impression is too small: a seal that fits inside a { $mm } mm square cannot be registered
problem-seal-too-large = the impression is too large: a seal that does not fit inside a { $mm } mm square cannot be registered
problem-seal-none-in-force = no seal is registered
problem-seal-end-reason = must be abolished or lost
desk-seal-link = Seal registration
desk-seal-title = Seal registration
desk-seal-back = Back to the seal registration
desk-seal-none = No seal is registered.
desk-seal-in-force = The registered seal
desk-seal-impression-alt = The registered seal's impression
desk-seal-card-number = Seal registration card number
desk-seal-size = Impression size
desk-seal-size-mm = { $width } mm wide × { $height } mm high
desk-seal-registered-at = Registered
desk-seal-register-title = Register a seal
desk-seal-register-lead = Check the applicant's identity, scan the sheet the seal was pressed on, and choose a PNG cropped to the impression. Each resident registers one seal; its impression must not fit inside an 8 mm square and must fit inside a 25 mm square.
desk-seal-register-button = Register
desk-seal-change-title = Change the seal
desk-seal-change-lead = The registration in force ends and the new seal is registered. Hand over the new registration card number and take back the old card.
desk-seal-change-button = Change the seal
desk-seal-impression = Impression (PNG)
desk-seal-impression-hint = Scan with the resolution (dpi) recorded: the size is measured from it. Up to 2 MiB.
desk-seal-adult-ward = The applicant is an adult ward (cannot register).
desk-seal-error-impression = Choose the impression's PNG file.
desk-seal-error-end = Choose to abolish the registration or to report it lost.
desk-seal-registered = The seal is registered. The registration card number is { $card }. Give the registration card to the resident.
desk-seal-changed = The seal is changed. The new registration card number is { $card }. The old card can no longer be used.
desk-seal-end-title-abolished = Abolish the seal registration
desk-seal-end-title-lost = Report the seal or its card lost
desk-seal-end-lead-abolished = The resident asks to abolish the registration. Take back the registration card. An abolished registration cannot be restored.
desk-seal-end-lead-lost = The resident reports the seal or its registration card lost. The registration ends, and a card found later cannot be used. A new registration is made anew.
desk-seal-end-button-abolished = Abolish
desk-seal-end-button-lost = Report lost and end the registration
desk-seal-ended-abolished = The seal registration is abolished.
desk-seal-ended-lost = The loss is recorded and the seal registration has ended.

## Kiosk terminals (issue 13)
problem-shop-code = must be letters, digits, - or _, up to { $max } characters
problem-shop-name = enter the shop's name
problem-terminal-chain = terminals are registered only under an organisation in force with the kiosk-operator role
problem-terminal-event = cannot be done to a terminal that is { $status }
problem-kiosk-face-recognition-card = a face-recognition My Number Card cannot be used at a kiosk
problem-kiosk-outside-hours = kiosks issue certificates from 6:30 to 23:00
problem-kiosk-closed-day = kiosks do not issue certificates today (29 December to 3 January)
problem-kiosk-maintenance = kiosk issuance is stopped for maintenance
problem-kiosk-not-offered = the municipality does not issue this certificate at kiosks
problem-kiosk-not-own = this certificate is issued only for the card holder
problem-kiosk-not-household = this certificate is issued only for the card holder and their household
problem-kiosk-under-age = the municipality does not issue certificates at kiosks at the card holder's age
problem-kiosk-move-out-pending = someone in the household has a move-out filed, so a resident record is not issued at kiosks; please use the counter
problem-kiosk-copies = choose from 1 to 10 copies
problem-kiosk-no-seal = no seal is registered, so no certificate of a registered seal can be issued
problem-kiosk-seal-options = a certificate of a registered seal takes no options
problem-kiosk-paid = the fee is { $yen } yen
problem-kiosk-not-resident = the card holder no longer lives in the municipality, so kiosks issue nothing; please use the counter
problem-back-format = the scan is to be a PNG, JPEG or PDF file
problem-back-too-large = the file is too large (up to {$max_mib} MiB and 40 million pixels): scan at 300–600 dpi
problem-back-no-image = the PDF holds no scanned image: a PDF made by a scanner, or an image file
problem-back-damaged = the file is damaged and cannot be read as an image
problem-back-no-symbols = no back image was found: scan the whole back at 300 dpi or more
problem-back-front-side = this is a scan of the front: scan the back
problem-back-incomplete = only part of the back could be read ({$found} of {$count} codes): scan the whole back, flat and clean
problem-back-mixed = the backs of two or more certificates are in the scan: scan one at a time
problem-back-tampered = the back was altered, or it was not issued by this system
problem-kiosk-rules-hours = the hours are HH:MM, opening before closing (closing at 24:00 at the latest)
problem-kiosk-rules-closed-days = closed days are real dates as MM-DD (e.g. 12-29)
problem-kiosk-rules-maintenance = maintenance windows are RFC 3339 instants, each ending after it starts (at most 50)
problem-kiosk-rules-age = the age limit is 0 to 20
problem-kiosk-rules-copies = the most copies is 1 to { $max }
problem-kiosk-rules-document = the document { $document } is wrong: each document once, a fee of at most { $max } yen, and the seal's certificate for the holder only

## The exchange network and the intermediate servers (issue 14, docs/design/exchange.md)
problem-copy-text = text without spaces around it or control characters, within the field's length
problem-copy-number = digits only, within the field's range
problem-copy-code = one of the field's codes
problem-copy-field-unknown = the copy of { $item } has no field { $field }
problem-copy-field-twice = the same field is given twice
problem-exchange-unit-form = a unit's name is 1 to 64 lowercase letters, digits, "-", "." and "/" (e.g. 131041/mayor)
problem-exchange-key = the encryption key is a P-256 public key (the JWK's x and y)
problem-exchange-not-agency = only an agency in force (number-using) registers units
problem-exchange-unit-taken = the unit { $given } is registered already
problem-exchange-batch = one request carries 1 to { $max } entries
problem-exchange-acquisition = an acquisition number is 1 to 64 letters, digits, "-" and "_", once per request (entry { $row })
problem-exchange-number-unknown = no resident has this Individual Number
problem-exchange-code-form = an agency code is 52 characters (entry { $row })
problem-exchange-code-unknown = this agency code was not issued to this unit
problem-exchange-csv = the CSV cannot be read: UTF-8, each row with as many columns as the header
problem-exchange-csv-header = the CSV's header needs the columns code and non-disclosure
problem-exchange-malformed = the request is not in the exchange's format
problem-exchange-signature = the request's signature does not verify with a registered key
problem-exchange-stale = the request was made more than 5 minutes from now: make a new one
problem-exchange-replay = a request with this id was answered already
problem-copy-fields-too-many = the copy has too many fields (this item has { $max })
problem-exchange-portal-kind = a unit of the portal's kind is the system's own and is not registered
problem-exchange-provider-out = the provider's agency is not in force, so it cannot be asked
problem-receipt-malformed = this cannot be read as an access history receipt: send it exactly as this system issued it
problem-receipt-signature = the receipt's signature does not verify with this system's ledger key: it was changed after it was issued, or is another system's
