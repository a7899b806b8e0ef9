# Filipino.

## Catalog metadata
meta-language-name = Filipino
meta-script = latin

## Shared values
date = {$month ->
    [1] Enero
    [2] Pebrero
    [3] Marso
    [4] Abril
    [5] Mayo
    [6] Hunyo
    [7] Hulyo
    [8] Agosto
    [9] Setyembre
    [10] Oktubre
    [11] Nobyembre
   *[12] Disyembre
} {$day}, {$year}
date-era = {$month ->
    [1] Enero
    [2] Pebrero
    [3] Marso
    [4] Abril
    [5] Mayo
    [6] Hunyo
    [7] Hulyo
    [8] Agosto
    [9] Setyembre
    [10] Oktubre
    [11] Nobyembre
   *[12] Disyembre
} {$day}, {$era ->
    [1] Meiji
    [2] Taishō
    [3] Shōwa
    [4] Heisei
   *[5] Reiwa
} {$year} ({$gyear})
sex-male = Lalaki
sex-female = Babae
relationship-head = Puno ng sambahayan
relationship-spouse = Asawa
relationship-child = Anak
relationship-child-in-law = Asawa ng anak
relationship-parent = Magulang
relationship-grandparent = Lolo o lola
relationship-grandchild = Apo
relationship-sibling = Kapatid
relationship-other-relative = Ibang kamag-anak
relationship-cohabitant = Kasama sa bahay (hindi kamag-anak)

## Field labels
field-name = Pangalan
field-name-kana = Pangalan sa katakana
field-alias = Nakarehistrong alyas
field-birth-date = Petsa ng kapanganakan
field-sex = Kasarian
field-address = Tirahan
field-previous-address = Dating tirahan
field-relationship = Kaugnayan sa puno ng sambahayan
field-householder = Puno ng sambahayan
field-individual-number = Individual Number
field-resident-code = Code ng resident record
field-nationality = Nasyonalidad o rehiyon
field-status-of-residence = Status of residence
field-period-of-stay = Katapusan ng pananatili
field-became-resident = Naging residente noong
field-issuer = Munisipyong nag-isyu
field-issue-date = Petsa ng pag-isyu
field-application-id = Application ID

## Individual Number notification
notice-title = Abiso ng Individual Number
notice-intro = Ipinapaalam ng liham na ito ang iyong Individual Number (My Number). Gagamitin mo ang numerong ito habambuhay.
notice-not-proof = Hindi pinapatunayan ng liham na ito kung sino ka, at hindi rin nito pinapatunayan ang iyong Individual Number. Hindi ito magagamit bilang ID o patunay ng numero, at hindi ito dapat tanggapin ng mga negosyo.
notice-keep = Hindi na muling ibibigay ang liham na ito, kaya itago ito nang mabuti. Kung mawala ito, makukumpirma mo ang iyong numero sa kopya ng resident record na may numero, o sa My Number Card.
notice-apply-heading = Paano mag-apply para sa My Number Card
notice-apply-mail = Sa koreo: idikit ang litrato ng iyong mukha sa kasamang application form, pirmahan ito, at ipadala gamit ang return envelope.
notice-apply-online = Online: i-scan ang QR code sa application form gamit ang smartphone, o ilagay ang 23-digit na application ID sa website ng aplikasyon, at i-upload ang litrato ng iyong mukha.
notice-apply-counter = Sa counter: dalhin ang liham na ito at ang application form sa opisina ng inyong lungsod, ward, bayan o nayon.
notice-apply-free = Libre ang iyong unang card. Sasabihin namin sa iyo sa ibang araw kung kailan at saan ito kukunin.

## Card application form
form-title = Application Form para sa My Number Card
form-photo = Litrato (4.5 cm ang taas × 3.5 cm ang lapad)
form-photo-rules = Gumamit ng litratong kinunan sa loob ng nakaraang 6 na buwan: nakaharap, walang sumbrero, payak ang background. Isulat ang iyong pangalan at petsa ng kapanganakan sa likod.
form-signature = Pirma ng aplikante
form-application-date = Petsa ng aplikasyon
form-online = I-scan gamit ang smartphone para mag-apply online
form-moved = Kung nagbago ang iyong pangalan o tirahan, hindi na magagamit ang form na ito. Humingi ng bago sa inyong munisipyo.

## Abiso sa pagkuha ng card
issue-title = Abiso sa Pagkuha ng My Number Card
issue-intro = Handa na ang iyong My Number Card. Pumunta nang personal sa counter at kunin ito bago ang petsa sa ibaba.
field-pick-up-by = Kunin bago ang
field-pick-up-place = Saan kukunin
field-card-expiry = Bisa ng card hanggang
field-card-serial = Numero ng card
issue-counter = Ang counter ng opisina ng iyong lungsod, ward, bayan o nayon
issue-bring-heading = Mga dadalhin
issue-bring-notice = Ang abisong ito
issue-bring-identity = Patunay ng pagkakakilanlan: isang dokumentong may larawan mo (lisensya sa pagmamaneho, pasaporte, residence card, atbp.), o dalawang dokumentong walang larawan (sertipiko ng health insurance, pension book, student ID, employee ID, atbp.)
issue-bring-old-card = Kung mayroon ka: ang notification card, Basic Resident Register card, o ang My Number Card na ginagamit mo ngayon
issue-pins-heading = Pagpasyahan ang iyong mga PIN bago pumunta
issue-pin-signature = Password para sa digital signature certificate: 6 hanggang 16 na titik (A–Z) at numero (0–9), na may kahit isang titik at isang numero. Nala-lock ito kapag nagkamali ka nang 5 beses nang sunud-sunod.
issue-pin-four = Mga PIN para sa user authentication certificate, Basic Resident Register at card information input: tig-4 na numero. Maaaring pare-pareho ang tatlo. Nala-lock ang bawat isa kapag nagkamali ka nang 3 beses nang sunud-sunod.
issue-no-pins = Walang PIN ang face-recognition na My Number Card.
issue-proxy = Kung hindi ka makakapunta dahil sa sakit o katulad na dahilan, makipag-ugnayan sa opisina ng munisipyo bago ang petsa ng pagkuha.

## Abiso sa pag-expire ng card
renewal-title = Abiso sa Pag-expire ng My Number Card
renewal-intro = Malapit nang mag-expire ang iyong My Number Card.
field-renewal-from = Maaaring mag-apply para sa renewal mula
renewal-how = Maaari kang mag-apply para sa renewal mula 3 buwan bago ang petsa ng pag-expire. Gamitin ang kalakip na application form para mag-apply sa koreo, online, sa photo booth, o sa counter. Libre ang renewal.
renewal-return = Ibalik ang kasalukuyan mong card kapag kinuha mo ang bago. Pagkalipas ng petsa ng pag-expire, hindi na magagamit ang card at ang mga electronic certificate nito.
cert-renewal-title = Abiso sa Pag-expire ng Electronic Certificate
cert-renewal-intro = Malapit nang mag-expire ang mga electronic certificate sa iyong My Number Card. Mas matagal pang bisa ang card mismo.
field-signature-certificate-expiry = Bisa ng signature certificate hanggang
field-authentication-certificate-expiry = Bisa ng user authentication certificate hanggang
cert-renewal-how = Mula 3 buwan bago ang petsa ng pag-expire, maaari mong i-renew ang mga certificate sa counter ng munisipyo kung saan ka nakatira. Dalhin ang iyong My Number Card at isang dokumento ng pagkakakilanlan. Ilalagay mo ang iyong mga PIN sa counter. Libre ang renewal.
cert-renewal-lapse = Pagkalipas ng petsa ng pag-expire, hindi mo na magagamit ang mga certificate para sa mga online na proseso o para kumuha ng mga sertipiko sa convenience store. Bisa pa rin ang card bilang patunay ng pagkakakilanlan hanggang sa sarili nitong petsa ng pag-expire.

## Copy of resident record / certificate of recorded matters
record-title-copy = Kopya ng Resident Record
record-title-matters = Sertipiko ng mga Nakatala sa Resident Record
record-certify-copy = Pinapatunayan na ito ay tapat na kopya ng resident record.
record-certify-matters = Pinapatunayan na ang mga nasa itaas ay nakatala sa resident record.
record-members = Mga miyembro ng sambahayan
record-omitted = Hindi isinama ang mga bagay na hindi hiniling.
record-removed = Inalis na ang resident record na ito (itinatago bilang lumang talaan).
record-verification-code = Verification code
record-verify-how = Para matiyak na hindi binago ang sertipikong ito, i-scan ang QR code o ilagay ang verification code sa {$url}.

## Verification page
verify-title = Suriin ang sertipiko
verify-genuine = Ang sertipikong ito ay inisyu ng sistema. Nasa ibaba ang nilalaman nito.
verify-unknown = Walang sertipiko na may ganitong verification code. Maaaring peke ang dokumento.
verify-file-genuine = Ang file na ito ay eksaktong tulad noong inisyu at hindi binago.
verify-file-altered = Binago ang file na ito matapos itong i-isyu, o hindi ito inisyu ng sistemang ito.

## Mga pampublikong pahina (ang home page at ang pagsusuri ng sertipiko)
public-site-name = My Number (Individual Number)
public-skip = Lumaktaw sa nilalaman
public-language = Wika
public-not-official = Ang site na ito ay nagpapatakbo ng isang open-source na pagpapatupad ng sistemang My Number. Hindi ito opisyal na site ng pamahalaan o ng munisipyo.
public-home-link = Home
public-contents = Nilalaman ng pahinang ito
public-home-title = Ano ang My Number?
public-home-lead = Ang My Number ay isang 12-digit na numero na ibinibigay sa bawat taong may resident record (jūminhyō) sa Japan, isa bawat tao. Mayroon din nito ang mga dayuhang residente na may resident record. Ginagamit ito sa mga prosesong pampamahalaan gaya ng social security, buwis at pagtugon sa sakuna.
public-notice-title = Pagdating ng sulat ng abiso
public-notice-text = Kapag naitalaga na ang iyong numero, darating sa koreo ang "Individual Number Notification". Ipinapaalam nito ang iyong numero; hindi ito patunay ng iyong numero o ng iyong pagkakakilanlan. Itago ito nang maingat. Kasama nito ang application form para sa My Number Card.
public-card-title = Ang My Number Card
public-card-text = Isang card na may larawan mo na magagamit bilang patunay ng pagkakakilanlan. Sa pamamagitan ng mga electronic certificate nito, makakagawa ka ng mga proseso online. Libre ang iyong unang card.
public-apply-title = Paano mag-apply para sa card
public-apply-text = Gamitin ang application form para mag-apply sa koreo, sa computer, sa smartphone, o sa photo booth sa bayan. Mga isang buwan pagkatapos, darating ang abiso para kunin ang card. Dalhin ito at isang ID sa tanggapan ng munisipyo para kunin ang card. Itatakda mo ang iyong mga PIN sa pagkuha nito.
public-lost-title = Kung nawala ang iyong card
public-lost-text = Tumawag agad para ipasuspinde ang card. Tumatanggap ng suspensyon 24 oras bawat araw, 365 araw bawat taon.
public-lost-phone = My Number toll-free na linya: 0120-95-0178 (pindutin ang 2 sa voice menu)
public-lost-phone-foreign = Sa Ingles, Tsino, Koreano, Espanyol o Portuges: 0120-0178-27
public-lost-next = Kung nawala mo ito sa labas ng bahay, iulat din ito sa pulis at itago ang receipt number. Kung makita mo ang card, ang suspensyon ay inaalis sa tanggapan ng munisipyo (hindi sa telepono). Kung hindi mo ito makita, iulat ito sa tanggapan at mag-apply ng bagong card (bayad: {$fee} yen).
public-verify-title = Suriin ang isang sertipiko
public-verify-text = Ang kopya ng resident record at iba pang sertipikong inilabas ng munisipyo ay masusuri gamit ang verification code na nakalimbag dito.
public-verify-link = Ilagay ang verification code
public-verify-lead = Ilagay ang 16-character na verification code na nakalimbag sa dokumento.
public-verify-hint = Halimbawa: K7QM-2XRT-9B4D-HW3P
public-verify-button = Suriin
public-staff-title = Para sa kawani
public-staff-desk = Ang desk (pag-sign in ng kawani)
public-staff-api = Sanggunian ng API
dev-title = Para sa mga serbisyo: pag-log in gamit ang My Number Card, at mga lagda
dev-lead = Ang sistemang ito ay isang OpenID Connect provider. Ang serbisyong nirehistro ng administrator ay maaaring magpa-log in sa mga residente gamit ang kanilang My Number Card, at magpalagda ng mga dokumento. Hindi ginagamit ang Individual Number sa pag-log in o sa paglagda.
dev-register-title = Pagpaparehistro
dev-register-text = Nirerehistro ng administrator ang corporate number at mga tungkulin ng inyong organisasyon, ang inyong public key (P-256) at ang inyong mga redirection URI. Ang client_id ay ang id ng inyong organisasyon. Private_key_jwt (ES256) lamang ang pagpapatunay ng client: walang pinagsasaluhang lihim.
dev-endpoints-title = Mga endpoint ng deployment na ito
dev-example-title = Isang gumaganang halimbawa
dev-example-text = Ang programang Python na ito (Authlib) ay nagpapa-log in sa residente gamit ang PKCE at nonce, sinusuri ang ID token gamit ang JWKS at binabasa ang mga pinayagang item. Palitan ang client id, ang key file at ang redirection URI.
dev-sign-title = Mga lagda
dev-sign-text = Ang organisasyong nakarehistro bilang signature verifier ay nagsisimula ng sign-transaction gamit ang token nito at ang SHA-256 ng dokumento, saka ipinapadala ang residente sa pag-log in na may scope na openid sign at ang sign_transaction_id. Pagkatapos, kinukuha nito ang resulta bilang JWE na naka-encrypt sa sarili nitong key.
dev-home-link = Para sa mga serbisyo (pag-log in gamit ang card, at mga lagda)

## API errors (the public API answers in its reader's language; staff's are in locales/desk/)
api-error-body-too-large = Masyadong malaki ang ipinadala.
api-error-conflict = May ibang nagbago nito sa parehong sandali. Subukan muli.
api-error-document-not-genuine = Hindi na ito katulad ng dokumento noong inilabas.
api-error-forbidden = Hindi ito pinapayagan ng iyong tungkulin o munisipalidad.
api-error-import-changed = Nagbago ang file na ini-import mula noong huli. I-import muli mula sa simula.
api-error-imported-before = Na-import na ang file na ito.
api-error-internal-error = Nagkaroon ng problema. Subukan muli mamaya; naitala na ang problema.
api-error-invalid-body = Hindi tama ang mga field o uri ng ipinadala.
api-error-invalid-input = May mali sa ilang inilagay: tingnan ang mensahe ng bawat field.
api-error-malformed-body = Hindi mabasa ang ipinadala (suriin ang JSON).
api-error-method-not-allowed = Hindi tinatanggap ng path na ito ang method na ito.
api-error-not-found = Walang natagpuan dito.
api-error-not-verified = Hindi ito ma-verify (hindi balido ang lagda o sertipiko).
api-error-number-not-current = Hindi na ito ang kasalukuyang Individual Number (napalitan na).
api-error-procedure-refused = Hindi magagawa ang prosesong ito sa kasalukuyang kalagayan ng rekord.
api-error-render-failed = Hindi magawa ang dokumento; naitala na ang problema.
api-error-too-many-failures = Masyadong maraming bigong pag-authenticate. Maghintay sandali at subukan muli.
api-error-unauthenticated = Kailangan ng balidong token.
api-error-unavailable = Pansamantalang hindi magagamit. Maghintay sandali at subukan muli.
api-error-unsupported-media-type = Suriin ang content type ng ipinapadala.
api-error-wrong-pin = Mali ang PIN: tingnan ang natitirang pagsubok.
problem-verification-code-16-letters = Ang verification code ay may 16 na titik at numero, hal. K7QM-2XRT-9B4D-HW3P.

# Log-in with the card (issue 12, docs/design/oidc.md).
login-title = Mag-log in gamit ang My Number Card
login-asks = Hinihiling ng { $client } na kumpirmahing ikaw nga ito.
login-items-heading = Ang hinihingi
login-no-items = Kumpirmasyon lang na ikaw ito. Walang ibang impormasyong ipapadala.
login-item-openid = Kumpirmasyon na ikaw ito
login-item-name = Pangalan
login-item-address = Tirahan
login-item-birthdate = Petsa ng kapanganakan
login-item-gender = Kasarian
login-item-sign = Pagpirma gamit ang card (itatanong muli sa bawat pagpirma)
login-item-latest-four = Ang iyong pinakabagong pangalan, tirahan, petsa ng kapanganakan at kasarian, ibibigay sa organisasyong ito kapag may pagbabago (sa loob ng isang taon)
login-card-heading = Kumpirmahin gamit ang card
login-card-text = Buksan ang authentication app, ipabasa rito ang iyong card, at ilagay ang 4-digit na PIN ng user authentication certificate. Tiyaking ipinapakita ng app ang confirmation number na ito:
login-confirmation = Confirmation number
login-app-command = Sa mynumber app sa computer, patakbuhin ang command sa ibaba. Sa app sa ibang device, i-scan ang QR code.
login-qr-label = QR code para sa authentication app
login-waiting = Hinihintay ang iyong card. Kapag sinabi ng app na tapos na, piliin ang Magpatuloy.
login-continue = Magpatuloy
login-consent-heading = Ipadala ang iyong impormasyon?
login-consent-text = Nakumpirma ng card na ikaw ito. Kung papayag ka, matatanggap ng { $client } ang impormasyon sa itaas.
login-agree = Pumayag at magpatuloy
login-decline = Huwag ipadala
login-finished = Tapos na ang log-in na ito. Maaari mo nang isara ang pahinang ito.
login-expired = Nag-time out ang log-in na ito. Bumalik sa serbisyo at magsimulang muli.
login-other-browser = Sinimulan ang log-in na ito sa ibang browser. Magpatuloy sa browser na iyon.
login-not-found = Hindi mahanap ang log-in na ito. Bumalik sa serbisyo at magsimulang muli.
login-bad-request = May mali sa kahilingan ng serbisyo kaya hindi masimulan ang log-in. Bumalik sa serbisyo.
login-bad-client = Hindi nakarehistro ang serbisyong ito, o hindi tugma sa rehistro ang address na babalikan, kaya hindi masimulan ang log-in.
login-failed = Hindi naproseso ang log-in. Pakisubukang muli mamaya.
login-logged-out = Naka-log out ka na. Tinitingnan ng sistemang ito ang card sa bawat log-in, kaya walang log-in na nananatiling bukas.

## Prints on plain paper: the seal certificate, the back (scramble image) and its inquiry page
seal-certificate-title = Sertipiko ng Rehistro ng Selyo
seal-certificate-certify = Pinatutunayan nito na ang tatak sa itaas ay ang selyong nakarehistro.
field-seal-impression = Tatak ng selyo
back-heading = Likod: ang nilalaman ng harap, naka-encrypt bilang larawan
back-how = I-scan ang panig na ito at i-upload sa {$url} upang makita ang harap gaya noong inilabas, at ihambing ito sa harap na hawak mo.
public-back-title = Suriin gamit ang larawan sa likod
public-back-lead = Mag-upload ng scan ng likod ng sertipikong inilimbag sa convenience store, at ipapakita ang harap gaya noong inilabas. Ihambing ito, titik sa titik, sa harap na hawak mo.
public-back-file = Scan ng likod
public-back-hint = PNG, JPEG o PDF. I-scan ang buong likod sa 300 dpi o higit pa.
public-back-submit = Basahin
public-back-genuine = Ang likod na ito ay inilabas ng sistemang ito. Ganito ang harap noong inilabas.
public-back-withheld = Nakalimbag (hindi ipinapakita sa pahinang ito)
public-back-person = Taong nakalista
problem-back-format = Mag-upload ng PNG, JPEG o PDF na file.
problem-back-too-large = Masyadong malaki ang file (hanggang {$max_mib} MiB at 40 milyong pixel). Mag-scan sa 300–600 dpi.
problem-back-no-image = Walang na-scan na larawan ang PDF na ito. Mag-upload ng PDF mula sa scanner o ng image file.
problem-back-damaged = Sira ang file at hindi mabasa bilang larawan.
problem-back-no-symbols = Walang nakitang larawan ng likod. I-scan ang buong likod sa 300 dpi o higit pa.
problem-back-front-side = Scan ito ng harap. I-scan ang likod.
problem-back-incomplete = Bahagi lamang ng likod ang nabasa ({$found} sa {$count} code). I-scan ang buong likod nang patag at malinis.
problem-back-mixed = Dalawa o higit pang likod ng sertipiko ang nasa scan. Isa-isahin ang pag-scan.
problem-back-tampered = Binago ang likod na ito, o hindi ito inilabas ng sistemang ito.

## Ang iyong impormasyon (ang portal, issue 14, docs/design/portal.md)
portal-title = Ang iyong impormasyon
portal-lead = Mag-log in gamit ang iyong My Number Card para makita ang iyong resident record, ang iyong card at ang mga electronic certificate nito, ang mga tala ng pagpapalitan ng mga ahensya ng pamahalaan ng iyong impormasyon, at ang mga tala ng paghawak ng mga kawani at ahensya sa iyong record. Hindi ginagamit ang iyong Individual Number sa pag-log in.
portal-login-button = Mag-log in gamit ang My Number Card
portal-login-asks = Para makapag-log in sa "Ang iyong impormasyon" sa sistemang ito, kinukumpirma ng iyong card na ikaw nga ito.
portal-logout = Mag-log out
portal-logged-out = Naka-log out ka na.
portal-nav-label = Mga pahina ng iyong impormasyon
portal-nav-info = Aking impormasyon
portal-nav-exchanges = Mga pagpapalitan
portal-nav-access = Mga tala ng access
portal-session-ended = Nag-time out ang iyong log-in. Mag-log in muli.
portal-record-heading = Resident record
portal-household-heading = Sambahayan
portal-cards-heading = My Number Card
portal-cards-none = Wala kang My Number Card.
portal-card-status = Katayuan
portal-card-active = Ginagamit
portal-card-produced = Handa nang kunin
portal-card-suspended = Suspendido
portal-card-ended = Hindi na ginagamit
portal-certificates-heading = Mga electronic certificate
portal-certificates-none = Wala kang electronic certificate.
portal-certificate-signature = Signature certificate
portal-certificate-authentication = User authentication certificate
portal-certificate-good = May bisa
portal-certificate-held = Pansamantalang naka-hold
portal-certificate-revoked = Binawi
portal-valid-until = May bisa hanggang
portal-exchanges-lead = Ito ang mga tala ng pagpapalitan ng mga ahensya ng pamahalaan ng iyong impormasyon sa pamamagitan ng information provision network (ang sistemang ginagamit ng mga ahensya para magbigay ng impormasyon sa isa't isa). Nagtanong sila gamit ang code na para sa bawat ahensya, hindi ang iyong Individual Number.
portal-exchanges-none = Walang nakatalang pagpapalitan.
portal-exchanges-hidden = Mayroon pang { $count } na tala na minarkahan ng nagbigay na ahensya na hindi ibubunyag. Hindi ipinapakita ang nilalaman ng mga ito.
portal-col-when = Kailan
portal-col-requester = Ahensyang nagtanong
portal-col-provider = Ahensyang nagbigay
portal-col-procedure = Proseso
portal-col-item = Impormasyon
portal-col-outcome = Resulta
portal-outcome-provided = Naibigay
portal-outcome-not-found = Walang ganoong impormasyon
portal-item-resident-household = Impormasyon ng resident record (sambahayan)
portal-item-local-tax = Impormasyon sa lokal na buwis
portal-item-child-allowance = Impormasyon sa child allowance
portal-procedure-child-allowance = Pagbibigay ng child allowance
portal-procedure-national-health-insurance = Mga hulog sa National Health Insurance
portal-procedure-school-expense-aid = Tulong sa gastusin sa paaralan
portal-procedure-national-pension = Exemption sa hulog sa National Pension
portal-procedure-self-disclosure = Impormasyong ibinigay sa iyo
portal-access-lead = Ito ang mga tala ng paghawak ng mga kawani at ahensya sa iyong record, sa iyong Individual Number at sa iyong card. Nakatago ang mga ito sa isang ledger na hindi na mababago pagkatapos.
portal-access-none = Walang tala.
portal-col-who = Sino
portal-col-action = Ano
portal-col-purpose = Layunin
portal-col-where = Nagtala
portal-who-staff = Kawani
portal-who-agency = Ahensya ng pamahalaan
portal-who-relying-party = Negosyo
portal-who-resident = Ikaw
portal-who-kiosk = Kiosk sa convenience store
portal-who-system = Ang sistema
portal-action-number-read = Tiningnan ang iyong Individual Number
portal-action-number-lookup = Hinanap ang iyong record gamit ang iyong Individual Number
portal-action-record-read = Tiningnan ang iyong resident record
portal-action-agency-code-issued = Nagbigay sa isang ahensya ng code para sa iyo
portal-action-card-login-authenticated = Nag-log in ka gamit ang iyong card
portal-action-access-history-read = Tiningnan mo ang iyong mga tala ng access
portal-action-exchange-history-read = Tiningnan mo ang iyong mga pagpapalitan
portal-action-access-history-receipt = Tumanggap ka ng resibo ng iyong mga tala ng access
portal-action-portal-signed-in = Nag-log in ka sa iyong impormasyon
portal-action-own-record-read = Tiningnan mo ang iyong impormasyon
portal-action-portal-card-authenticated = Tiningnan ang iyong card para mag-log in sa iyong impormasyon
portal-action-portal-signed-out = Nag-log out ka sa iyong impormasyon
portal-action-card-applied = Tinanggap ang iyong aplikasyon para sa card
portal-action-card-produced = Ginawa ang iyong card
portal-action-card-handed-over = Ibinigay sa iyo ang iyong card
portal-action-certificate-issued = Nag-isyu ng electronic certificate
portal-action-import = Inirehistro ang iyong resident record
portal-action-other = Ibang pagproseso ({ $code })
portal-receipt-heading = Resibo ng mga talang ito
portal-receipt-text = Maaari mong tanggapin ang mga talang ito bilang resibong pinirmahan gamit ang ledger key ng sistemang ito. Itago ito, at masusuri mo sa ibang pagkakataon na hindi binago ang mga tala.
portal-receipt-download = I-download ang resibo
portal-check-heading = Suriin ang resibong itinago mo
portal-check-text = Piliin ang file ng resibong natanggap mo dati: susuriin ang pirma nito, at kung pareho pa rin ang mga tala.
portal-check-file = File ng resibo
portal-check-button = Suriin
portal-check-intact = Tunay ang resibong ito, at pareho pa rin ang lahat ng { $count } na tala nito.
portal-check-altered = Tunay ang resibong ito, pero iba na ngayon ang { $count } sa mga bahaging binabanggit nito. Makipag-ugnayan sa iyong munisipyo.
portal-check-invalid = Hindi masuri ang file na ito bilang resibong inilabas ng sistemang ito.
portal-suspend-heading = Kung nawala ang iyong card
portal-suspend-text = Kung nawala ang iyong card, maaari mo itong ipasuspinde agad dito (anumang oras). Hindi na rin gagana ang mga electronic certificate nito. Kung makita mo ang card, ipaalis ang suspensyon sa counter ng iyong munisipyo.
portal-suspend-button = Ipasuspinde ang aking card
portal-suspend-done = Suspendido na ang iyong card, at hindi na gumagana ang mga electronic certificate nito. Kung makita mo ang card, maaaring alisin ang suspensyon sa counter ng iyong munisipyo.
portal-nav-data = Impormasyon ng mga ahensya
portal-data-lead = Ang impormasyon tungkol sa iyo na hawak ng mga ahensya ng pamahalaan, kinuha sa pamamagitan ng information provision network at ipinapakita rito. Itinatala sa iyong mga pagpapalitan ang bawat pagkuha.
portal-data-none = Walang impormasyong makukuha.
portal-data-from = Ahensyang nagbigay
portal-field-relationship = Kaugnayan sa puno ng sambahayan
portal-field-head-name = Pangalan ng puno ng sambahayan
portal-field-household-size = Bilang ng miyembro ng sambahayan
portal-field-resident-since = Naging residente noong
portal-field-fiscal-year = Taon ng buwis
portal-field-total-income = Kabuuang kita (yen)
portal-field-taxable-income = Kitang papatawan ng buwis (yen)
portal-field-income-levy = Bahagi ng lokal na buwis batay sa kita (yen)
portal-field-per-capita-levy = Bahagi ng lokal na buwis na pare-pareho bawat tao (yen)
portal-field-dependants = Bilang ng mga dependent
portal-field-non-taxable = Hindi pinapatawan ng buwis
portal-field-status = Katayuan
portal-field-children = Bilang ng mga batang binabayaran nito
portal-field-monthly-amount = Buwanang halaga (yen)
portal-field-since = Binabayaran mula noong
portal-value-yes = Oo
portal-value-no = Hindi
portal-value-paying = Binabayaran
portal-value-suspended = Suspendido
portal-value-ended = Tapos na
portal-nav-notices = Mga abiso
portal-notices-none = Wala kang abiso.
portal-notices-unread = Mayroon kang { $count } na hindi pa nababasang abiso.
portal-notice-unread = Hindi pa nababasa
portal-notice-card-expiry = Malapit nang mag-expire ang iyong My Number Card
portal-notice-card-expiry-text = Mag-e-expire ang iyong My Number Card sa { $date }. Maaari mo na itong i-renew: gawin ito sa counter ng iyong munisipyo.
portal-notice-certificate-expiry = Malapit nang mag-expire ang iyong electronic certificate
portal-notice-certificate-expiry-text = Mag-e-expire ang iyong electronic certificate sa { $date }. Maaari mo na itong i-renew: gawin ito sa counter ng iyong munisipyo.
portal-nav-consents = Mga pagpayag
portal-consents-lead = Ito ang mga negosyong pinayagan mo, nang mag-log in ka gamit ang My Number Card, na tumanggap ng iyong pinakabagong pangalan, tirahan, petsa ng kapanganakan at kasarian sa bawat pagbabago (sa loob ng isang taon mula sa iyong pagpayag). Maaari mong bawiin ang pagpayag anumang oras.
portal-consents-none = Wala kang pinayagang negosyo na tumanggap ng iyong pinakabagong impormasyon.
portal-consent-to = Negosyong pinayagan mo
portal-consent-withdraw = Bawiin ang pagpayag
portal-consent-withdrawn = Nabawi na ang iyong pagpayag. Hindi na matatanggap ng negosyong ito ang iyong pinakabagong impormasyon.
login-item-self-resident-household = Ang impormasyon ng iyong resident record (sambahayan) na hawak ng mga ahensya, kukunin ng app (hanggang bawiin mo ito, 90 araw ang pinakamatagal)
login-item-self-local-tax = Ang iyong impormasyon sa lokal na buwis (kitang papatawan ng buwis, halaga ng buwis) na hawak ng mga ahensya, kukunin ng app (hanggang bawiin mo ito, 90 araw ang pinakamatagal)
login-item-self-child-allowance = Ang iyong impormasyon sa child allowance na hawak ng mga ahensya, kukunin ng app (hanggang bawiin mo ito, 90 araw ang pinakamatagal)
login-self-legend = Ang maaaring kunin ng { $client }
login-self-hint = Alisin ang tsek sa impormasyong ayaw mong ibigay. Maaari mong bawiin ang iyong pagpayag anumang oras sa pahinang Mga pagpayag ng Ang iyong impormasyon.
portal-letters-heading = Wika ng iyong mga liham
portal-letters-label = Wika ng mga liham
portal-letters-hint = Ang wikang nakalimbag katabi ng wikang Hapon sa mga liham na ipinapadala sa iyo ng iyong munisipyo.
portal-letters-button = Palitan ang wika
portal-letters-set = Nai-save na ang wika ng iyong mga liham. Mula ngayon, nakasulat na rin sa wikang ito ang mga liham.
portal-apps-heading = Mga app na maaaring kumuha ng iyong impormasyon
portal-apps-lead = Ito ang mga app na pinayagan mo, nang mag-log in ka gamit ang card, na kumuha ng impormasyon tungkol sa iyo na hawak ng mga ahensya (ang self-information API). Kinukuha lamang nila ang pinayagan mo, hanggang sa petsang nakasaad. Maaari mo itong bawiin anumang oras.
portal-apps-none = Wala kang pinayagang app na kumuha ng iyong impormasyon.
portal-app = App
portal-app-items = Impormasyong maaari nitong kunin
portal-action-language-change = Pinalitan ang wika ng iyong mga liham
portal-action-app-granted = Pinayagan mo ang isang app na kumuha ng iyong impormasyon
portal-action-self-information-read = Kinuha ng isang app ang iyong impormasyon
portal-action-app-grant-withdrawn = Binawi mo ang pahintulot ng isang app na kumuha ng iyong impormasyon
portal-action-app-grants-ended = Natapos kasabay ng iyong card ang pahintulot ng mga app na kumuha ng iyong impormasyon
