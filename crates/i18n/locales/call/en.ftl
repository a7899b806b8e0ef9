# The lost-card line: the operator's scripts and the caller's next steps. English.

## Catalog metadata
meta-language-name = English
meta-script = latin

## Dates and times (Japan time)
date = { $day } { $month ->
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
date-time = { $day } { $month ->
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
} {$year}, {$hour}:{$minute} (Japan time)

## Script
call-script-title = Script (English)
call-script-open = Thank you for calling. This line suspends a My Number Card that has been lost or stolen.
call-script-ask-caller = Are you the cardholder, a family member, or the cardholder's legal representative?
call-script-ask-name = Please tell me the cardholder's name: its reading in kana, or, for foreign residents, the name in Latin letters as on the resident record.
call-script-ask-birth = Please tell me the date of birth.
call-script-ask-address = Please tell me the registered address, from the prefecture down to the block number.
call-script-found = I have found the record. I will now suspend the card. While it is suspended, the card's electronic certificates cannot be used to log in or to sign. Shall I go ahead?
call-script-ask-police = If you have reported the loss or theft to the police, please tell me the receipt number. If not, please report it and keep the receipt number: you will need it to have the card re-issued.
call-script-suspended = The card is now suspended. Whether you find the card or not, you will need to go to your municipal office. I will now explain what to do next.
call-script-not-found = No record matches what you told me. Let me check the name, the date of birth and the address again. If it still does not match, please contact your municipal office.
call-script-ambiguous = What you told me is not enough to identify the cardholder, so I cannot suspend a card on this call. Please contact your municipal office.
call-script-no-card = There is no card to suspend on this call: the card is already suspended, or it has not been collected yet.
call-script-abroad-title = Calls from abroad
call-script-abroad = Calls from abroad are accepted: the card can be suspended on this call. Lifting the suspension and re-issuing the card are done at a municipal office. Please ask the municipality where you are registered about where to go.

## Next steps (to print)
call-next-title = Your My Number Card has been suspended: what to do next
call-next-reference = Reference: {$call}
call-next-suspended-at = Suspended on: {$time}
call-next-effect = While the card is suspended, its electronic certificates (for logging in and signing) cannot be used. The signature certificate has been revoked.
call-next-not-suspended = No card was suspended on this call. Please contact your municipal office.
call-next-found-title = If you find the card
call-next-found = Apply at your municipal office to lift the suspension. It cannot be lifted by phone. Bring the card you found and an identity document. A new signature certificate will be issued (you will set its password).
call-next-lost-title = If you do not find the card
call-next-lost = Report the loss to the police and keep the receipt number. At your municipal office, report the card lost (it is then cancelled) and apply for a new card. The fee for a new card is {$fee} yen. A cancelled card cannot be used again, even if it is found later.
call-next-keep = Please keep this sheet until you have completed the procedure at the office.
