//! Command APDUs sent to a card's chip, as a reader would: any sequence is answered with a
//! status word, never a panic, and a wrong PIN never yields a signature. Some runs open the
//! issuer's session (key generation, issue 10); the terminal's parser of the public key
//! template reads every answer and the input itself.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mynumber_card::{CardData, Chip, KeySlot, PinState, Power};
use mynumber_core::pin::PinKind;

/// A card with both key pairs and PINs 1234 / ABC123 (the certificates are placeholders: the
/// chip serves them as bytes).
fn card() -> &'static CardData {
    static CARD: OnceLock<CardData> = OnceLock::new();
    CARD.get_or_init(|| {
        let key = || {
            let k = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048)
                .expect("an RSA key");
            aws_lc_rs::encoding::AsDer::<aws_lc_rs::encoding::Pkcs8V1Der>::as_der(&k)
                .expect("PKCS#8")
                .as_ref()
                .to_vec()
        };
        let slot = |private_key| KeySlot {
            private_key,
            certificate: vec![0x30, 0x03, 0x02, 0x01, 0x01],
            ca_certificate: vec![0x30, 0x03, 0x02, 0x01, 0x02],
        };
        let mut data = CardData {
            serial: "000000000000001".into(),
            signature: Some(slot(key())),
            authentication: Some(slot(key())),
            pins: Vec::new(),
            info: None,
        };
        for (kind, pin) in [
            (PinKind::Signature, "ABC123"),
            (PinKind::Authentication, "1234"),
        ] {
            data.set_pin(kind, PinState::new(pin, [7; 16], kind.max_tries()));
        }
        data
    })
}

fuzz_target!(|data: &[u8]| {
    let _ = mynumber_card::parse_public_key_template(data);
    let mut chip = Chip::new(card().clone());
    // The input is a sequence of APDUs, each preceded by its length; 0xFF resets the card,
    // 0xFE opens the issuer's session (its keys: the card's own, to keep runs fast).
    let mut rest = data;
    while let Some((&len, tail)) = rest.split_first() {
        if len == 0xFF {
            chip.power(Power::Reset);
            rest = tail;
            continue;
        }
        if len == 0xFE {
            let key = card().authentication.as_ref().map(|s| s.private_key.clone());
            chip.open_issuer_session(Box::new(move || key.clone()));
            rest = tail;
            continue;
        }
        let len = usize::from(len).min(tail.len());
        let (apdu, tail) = tail.split_at(len);
        let answer = chip.transmit(apdu);
        assert!(answer.len() >= 2, "every answer ends in a status word");
        let _ = mynumber_card::parse_public_key_template(&answer[..answer.len() - 2]);
        rest = tail;
    }
});
