# The kiosk's screens (コンビニ交付, issue 13): English. docs/design/kiosk.md.

## Catalog metadata
meta-language-name = English
meta-script = latin

## Screens
kiosk-title = Certificates at the convenience store
kiosk-choose-language = Choose your language
kiosk-start = Start
kiosk-cancel = Cancel
kiosk-next = Next
kiosk-insert-card = Place your My Number Card on the card reader.
kiosk-card-placed = Card placed
kiosk-no-card = The card cannot be read. Check which way it faces and place it again.
kiosk-pin-title = Enter your PIN (4 digits)
kiosk-pin-hint = The PIN of the card's user-authentication certificate. Shield the keypad from others.
kiosk-pin-entered = {$count} of 4 digits entered
kiosk-pin-delete = Delete a digit
kiosk-pin-ok = Confirm
kiosk-pin-wrong = Wrong PIN. {$tries} more wrong tries will lock the card.
kiosk-pin-blocked = The PIN is locked. Have it reset at your municipal office.
kiosk-document-title = Choose a certificate
kiosk-document-resident-record-copy = Copy of the resident record (住民票の写し)
kiosk-document-resident-record-items = Certificate of recorded matters (住民票記載事項証明書)
kiosk-document-seal-certificate = Certificate of seal registration (印鑑登録証明書)
kiosk-options-title = What to include, and how many copies
kiosk-option-household = Everyone in the household
kiosk-option-householder = Head of household and relationship
kiosk-option-number = Individual Number (My Number)
kiosk-option-on = Included
kiosk-option-off = Not included
kiosk-option-change = Switch
kiosk-copies = Copies
kiosk-copies-more = One more copy
kiosk-copies-fewer = One copy fewer
kiosk-confirm-title = Check your order
kiosk-fee = Fee
kiosk-yen = ¥{$yen}
kiosk-pay = Go to payment
kiosk-pay-title = Insert the fee
kiosk-pay-insert = I inserted ¥{$yen}
kiosk-done-title = Take your certificate
kiosk-take-card = Do not forget your card.
kiosk-printed-code = Verification code
kiosk-finish = Finish
kiosk-timeout = The session ended because nothing was touched. Take your card.
kiosk-refused = This certificate cannot be issued: {$reason}
kiosk-unavailable = Certificates cannot be issued right now. Please try again later.
kiosk-print-failed = The print failed. You are not charged for it; it will be printed again.
kiosk-reprint = Print again
kiosk-number-note = The Individual Number is printed only because you ask for it.
kiosk-step = Step {$step} of 5
kiosk-not-ready = This kiosk is out of service (it cannot reach the centre).
kiosk-idle-warning = The session will end soon. Touch the screen to continue.
kiosk-continue = Continue
