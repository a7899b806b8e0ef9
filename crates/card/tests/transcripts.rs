//! The chip driven by APDU transcripts: what OpenSC and jpki-cli send (interop.md §1.3, §1.5),
//! the security state that power-off and reset clear, PIN counters and lockout, PIN change,
//! and signatures checked against the certificate's public key. The card holds certificates
//! issued by the project's own authority.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use std::fmt::Write;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::signature::KeyPair as _;
use expect_test::{Expect, expect};
use mynumber_card::{CardData, Chip, KeySlot, PinState, Power};
use mynumber_core::Sex;
use mynumber_core::pin::PinKind;
use mynumber_pki::{Authority, BasicFour, Hierarchy, Holder, PkiConfig};

/// A key pair as production makes one: RSA-2048, PKCS#8.
fn key() -> (Vec<u8>, aws_lc_rs::signature::RsaKeyPair) {
    let k = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
    let pkcs8 = AsDer::<aws_lc_rs::encoding::Pkcs8V1Der>::as_der(&k)
        .unwrap()
        .as_ref()
        .to_vec();
    (pkcs8, k)
}

/// The card's key as the authority takes it: the key pair in hand proves possession.
fn proven(pkcs8: &[u8]) -> mynumber_pki::ProvenKey {
    mynumber_pki::ProvenKey::from_key_pair(&mynumber_pki::KeyPair::try_from(pkcs8).unwrap())
}

fn spki(k: &aws_lc_rs::signature::RsaKeyPair) -> Vec<u8> {
    AsDer::<aws_lc_rs::encoding::PublicKeyX509Der>::as_der(k.public_key())
        .unwrap()
        .as_ref()
        .to_vec()
}

struct Card {
    data: CardData,
    sign_public: Vec<u8>,
    auth_public: Vec<u8>,
}

/// A card with both key pairs certified by fresh authorities, and its PINs set at pick-up:
/// 1234 and ABC123.
fn card() -> Card {
    let config = PkiConfig::with_url("http://127.0.0.1:8080");
    let now: jiff::Timestamp = "2026-12-01T03:00:00Z".parse().unwrap();
    let until: jiff::Timestamp = "2031-05-01T14:59:59Z".parse().unwrap();
    let ca = |h| {
        let pkcs8 = key().0;
        Authority::create(
            h,
            &config,
            mynumber_pki::KeyPair::try_from(pkcs8.as_slice()).unwrap(),
            [3; 16],
            now,
            10,
        )
        .unwrap()
    };
    let sign_ca = ca(Hierarchy::Signature);
    let auth_ca = ca(Hierarchy::Authentication);
    let (sign_key, sign_pair) = key();
    let (auth_key, auth_pair) = key();
    let holder = Holder::Signature {
        four: BasicFour {
            name: "山田\u{3000}太郎".into(),
            sex: Sex::Male,
            birth_date: jiff::civil::date(1990, 5, 1),
            address: "東京都新宿区西新宿2-8-1".into(),
        },
        locality: "131041".into(),
        common_name: "K7QM2XRT13104261201A".into(),
    };
    let sign_cert = sign_ca
        .issue(&config, &holder, &proven(&sign_key), [9; 16], now, until)
        .unwrap();
    let auth_cert = auth_ca
        .issue(
            &config,
            &Holder::Authentication {
                common_name: "ABCDEFGH13104261201A".into(),
            },
            &proven(&auth_key),
            [10; 16],
            now,
            until,
        )
        .unwrap();
    let mut data = CardData {
        serial: "000000000000001".into(),
        signature: Some(KeySlot {
            private_key: sign_key,
            certificate: sign_cert,
            ca_certificate: sign_ca.certificate().to_vec(),
        }),
        authentication: Some(KeySlot {
            private_key: auth_key,
            certificate: auth_cert,
            ca_certificate: auth_ca.certificate().to_vec(),
        }),
        pins: Vec::new(),
        info: None,
    };
    for (kind, pin) in [
        (PinKind::Signature, "ABC123"),
        (PinKind::Authentication, "1234"),
    ] {
        data.set_pin(kind, PinState::new(pin, [7; 16], kind.max_tries()));
    }
    Card {
        data,
        sign_public: spki(&sign_pair),
        auth_public: spki(&auth_pair),
    }
}

fn hex(s: &str) -> Vec<u8> {
    s.split_whitespace()
        .map(|b| u8::from_str_radix(b, 16).unwrap())
        .collect()
}

/// Sends APDUs written one per line (`--` comments, `reset` for a reset) and writes the
/// transcript: each response's length and its first bytes, then the status word.
fn transcript(chip: &mut Chip, script: &str) -> String {
    let mut out = String::new();
    for line in script.lines() {
        let line = line.split("--").next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        if line == "reset" {
            chip.power(Power::Reset);
            writeln!(out, "reset").unwrap();
            continue;
        }
        let r = chip.transmit(&hex(line));
        let (data, sw) = r.split_at(r.len() - 2);
        let head: String = data.iter().take(2).map(|b| format!("{b:02X}")).collect();
        if data.is_empty() {
            writeln!(out, "{line} -> {:02X}{:02X}", sw[0], sw[1]).unwrap();
        } else {
            writeln!(
                out,
                "{line} -> [{} bytes {head}…] {:02X}{:02X}",
                data.len(),
                sw[0],
                sw[1]
            )
            .unwrap();
        }
    }
    out
}

fn check(chip: &mut Chip, script: &str, want: Expect) {
    want.assert_eq(&transcript(chip, script));
}

/// Reads a whole file the way OpenSC does: 4 header bytes for the length, then 256-byte
/// chunks.
fn read_file(chip: &mut Chip, fid: &str) -> Result<Vec<u8>, [u8; 2]> {
    let r = chip.transmit(&hex(&format!("00 A4 02 0C 02 {fid}")));
    if r != [0x90, 0x00] {
        return Err([r[0], r[1]]);
    }
    let head = chip.transmit(&hex("00 B0 00 00 04"));
    if head.len() != 6 {
        return Err([head[0], head[1]]);
    }
    let size = (usize::from(head[2]) << 8 | usize::from(head[3])) + 4;
    let mut out = Vec::new();
    while out.len() < size {
        let want = (size - out.len()).min(256);
        let [hi, lo] = u16::try_from(out.len()).unwrap().to_be_bytes();
        let le = if want == 256 { 0 } else { want as u8 };
        let r = chip.transmit(&[0x00, 0xB0, hi, lo, le]);
        let (data, sw) = r.split_at(r.len() - 2);
        assert_eq!(sw, [0x90, 0x00]);
        out.extend_from_slice(data);
    }
    Ok(out)
}

const SELECT_JPKI: &str = "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01";

#[test]
fn opensc_lists_certificates_and_pins() {
    let c = card();
    let mut chip = Chip::new(c.data.clone());
    chip.power(Power::On);
    // OpenSC's probes for other applications are refused, then `pkcs15-tool
    // --list-certificates` (interop.md §1.3): PIN statuses by 63Cx, the public certificates,
    // and the signature certificate refused until its password.
    check(
        &mut chip,
        "
        00 A4 04 0C 06 A0 00 00 00 01 01  -- MuscleApplet probe
        00 CA 01 00 00                    -- GET DATA
        A0 A4 00 00 02 3F 00              -- a CLA the card does not know
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 18
        00 20 00 80
        00 A4 02 0C 02 00 1B
        00 20 00 80
        00 A4 02 0C 02 00 0A
        00 B0 00 00 04
        00 A4 02 0C 02 00 01
        00 B0 00 00 04
        00 A4 02 0C 02 00 0B
        00 B0 00 00 04
        00 A4 02 0C 02 00 06
        00 B0 00 00 00
        00 A4 02 0C 02 00 99              -- no such file
        00 A4 02 0C 02 00 17
        00 B0 00 00 04                    -- a key cannot be read
        ",
        expect![[r#"
            00 A4 04 0C 06 A0 00 00 00 01 01 -> 6A82
            00 CA 01 00 00 -> 6D00
            A0 A4 00 00 02 3F 00 -> 6E00
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 18 -> 9000
            00 20 00 80 -> 63C3
            00 A4 02 0C 02 00 1B -> 9000
            00 20 00 80 -> 63C5
            00 A4 02 0C 02 00 0A -> 9000
            00 B0 00 00 04 -> [4 bytes 3082…] 9000
            00 A4 02 0C 02 00 01 -> 9000
            00 B0 00 00 04 -> 6982
            00 A4 02 0C 02 00 0B -> 9000
            00 B0 00 00 04 -> [4 bytes 3082…] 9000
            00 A4 02 0C 02 00 06 -> 9000
            00 B0 00 00 00 -> [160 bytes 4A50…] 9000
            00 A4 02 0C 02 00 99 -> 6A82
            00 A4 02 0C 02 00 17 -> 9000
            00 B0 00 00 04 -> 6981
        "#]],
    );
    // The certificate read in chunks is byte for byte the one issued.
    assert_eq!(
        read_file(&mut chip, "00 0A").unwrap(),
        c.data.authentication.as_ref().unwrap().certificate
    );
    assert_eq!(
        read_file(&mut chip, "00 0B").unwrap(),
        c.data.authentication.as_ref().unwrap().ca_certificate
    );
    assert_eq!(read_file(&mut chip, "00 01"), Err([0x69, 0x82]));
    assert!(!chip.take_changed(), "reading changes nothing");
}

#[test]
fn each_key_signs_after_its_own_pin_and_a_reset_forgets_it() {
    let c = card();
    let mut chip = Chip::new(c.data.clone());
    chip.power(Power::On);
    let message = "確定申告書".as_bytes();
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, message);
    let mut digest_info = hex("30 31 30 0d 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20");
    digest_info.extend_from_slice(digest.as_ref());
    let sign_apdu = |info: &[u8]| {
        let mut apdu = vec![0x80, 0x2A, 0x00, 0x80, info.len() as u8];
        apdu.extend_from_slice(info);
        apdu.push(0x00);
        apdu
    };
    for (key_fid, pin_fid, pin, public) in [
        ("00 17", "00 18", "31 32 33 34", &c.auth_public),
        ("00 1A", "00 1B", "41 42 43 31 32 33", &c.sign_public),
    ] {
        transcript(&mut chip, SELECT_JPKI);
        // Not yet verified: refused.
        transcript(&mut chip, &format!("00 A4 02 0C 02 {key_fid}"));
        assert_eq!(chip.transmit(&sign_apdu(&digest_info)), [0x69, 0x82]);
        let len = pin.split_whitespace().count();
        assert_eq!(
            transcript(
                &mut chip,
                &format!("00 A4 02 0C 02 {pin_fid}\n00 20 00 80 {len:02X} {pin}")
            )
            .lines()
            .last()
            .unwrap()
            .rsplit(' ')
            .next(),
            Some("9000")
        );
        transcript(&mut chip, &format!("00 A4 02 0C 02 {key_fid}"));
        let r = chip.transmit(&sign_apdu(&digest_info));
        let (signature, sw) = r.split_at(r.len() - 2);
        assert_eq!(sw, [0x90, 0x00]);
        assert_eq!(signature.len(), 256);
        // The public key in the certificate verifies it (SubjectPublicKeyInfo → RSAPublicKey).
        let rsa_public = &public[public.len() - 270..];
        aws_lc_rs::signature::UnparsedPublicKey::new(
            &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
            rsa_public,
        )
        .verify(message, signature)
        .unwrap();
    }
    // The signature certificate is readable now; SHA-1 and garbage are not signed.
    assert_eq!(
        read_file(&mut chip, "00 01").unwrap(),
        c.data.signature.as_ref().unwrap().certificate
    );
    transcript(&mut chip, "00 A4 02 0C 02 00 1A");
    let mut sha1 = hex("30 21 30 09 06 05 2b 0e 03 02 1a 05 00 04 14");
    sha1.extend_from_slice(&[0; 20]);
    assert_eq!(chip.transmit(&sign_apdu(&sha1)), [0x6A, 0x80]);
    assert_eq!(
        chip.transmit(&sign_apdu(b"not a digest info")),
        [0x6A, 0x80]
    );
    // After a reset (OpenSC's disconnect_action = reset) nothing is verified any more.
    chip.power(Power::Reset);
    transcript(&mut chip, SELECT_JPKI);
    assert_eq!(read_file(&mut chip, "00 01"), Err([0x69, 0x82]));
    transcript(&mut chip, "00 A4 02 0C 02 00 1A");
    assert_eq!(chip.transmit(&sign_apdu(&digest_info)), [0x69, 0x82]);
    // Signing without a key selected, or with a PIN file selected, is not allowed.
    transcript(&mut chip, "00 A4 02 0C 02 00 1B");
    assert_eq!(chip.transmit(&sign_apdu(&digest_info)), [0x69, 0x86]);
}

#[test]
fn a_pin_locks_after_its_tries_and_counters_survive_power_off() {
    let c = card();
    let mut chip = Chip::new(c.data);
    chip.power(Power::On);
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 18
        00 20 00 80 04 39 39 39 39   -- wrong
        00 20 00 80                  -- the status query counts nothing
        00 20 00 80 04 31 32 33 34   -- right: every try back
        00 20 00 80
        00 20 00 80 04 39 39 39 39
        00 20 00 80 04 39 39 39 39
        reset
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 18
        00 20 00 80                  -- counted across the reset
        00 20 00 80 04 39 39 39 39   -- the attempt that exhausts it
        00 20 00 80 04 31 32 33 34   -- blocked: even the right PIN
        00 20 00 80
        00 A4 02 0C 02 00 1B         -- the other PIN is untouched
        00 20 00 80
        00 20 00 80 04 31 32 33 34
        00 20 00 80
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 18 -> 9000
            00 20 00 80 04 39 39 39 39 -> 63C2
            00 20 00 80 -> 63C2
            00 20 00 80 04 31 32 33 34 -> 9000
            00 20 00 80 -> 63C3
            00 20 00 80 04 39 39 39 39 -> 63C2
            00 20 00 80 04 39 39 39 39 -> 63C1
            reset
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 18 -> 9000
            00 20 00 80 -> 63C1
            00 20 00 80 04 39 39 39 39 -> 63C0
            00 20 00 80 04 31 32 33 34 -> 6984
            00 20 00 80 -> 63C0
            00 A4 02 0C 02 00 1B -> 9000
            00 20 00 80 -> 63C5
            00 20 00 80 04 31 32 33 34 -> 63C4
            00 20 00 80 -> 63C4
        "#]],
    );
    assert!(chip.take_changed(), "the counters are to be written back");
    assert!(!chip.take_changed());
    // The card file keeps them.
    let again = CardData::from_unsealed(&chip.data().to_unsealed()).unwrap();
    assert_eq!(again.pin(PinKind::Authentication).unwrap().tries_left(), 0);
    assert_eq!(again.pin(PinKind::Signature).unwrap().tries_left(), 4);
}

#[test]
fn a_pin_changes_only_after_it_is_verified_and_only_to_a_valid_one() {
    let mut chip = Chip::new(card().data);
    chip.power(Power::On);
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 1B
        00 24 01 80 06 58 59 5A 39 38 37   -- XYZ987, not verified yet
        00 20 00 80 06 41 42 43 31 32 33   -- ABC123
        00 24 01 80 06 41 42 43 44 45 46   -- ABCDEF: no digit
        00 24 01 80 06 61 62 63 31 32 33   -- abc123: lowercase is not a stored form
        00 24 01 80 06 58 59 5A 39 38 37   -- XYZ987
        reset
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 1B
        00 20 00 80 06 41 42 43 31 32 33   -- the old one fails
        00 20 00 80 06 58 59 5A 39 38 37   -- the new one works
        00 A4 02 0C 02 00 18
        00 20 00 80 04 31 32 33 34
        00 24 01 80 05 31 32 33 34 35      -- five digits
        00 24 01 80 04 30 30 30 30
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 1B -> 9000
            00 24 01 80 06 58 59 5A 39 38 37 -> 6982
            00 20 00 80 06 41 42 43 31 32 33 -> 9000
            00 24 01 80 06 41 42 43 44 45 46 -> 6A80
            00 24 01 80 06 61 62 63 31 32 33 -> 6A80
            00 24 01 80 06 58 59 5A 39 38 37 -> 9000
            reset
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 1B -> 9000
            00 20 00 80 06 41 42 43 31 32 33 -> 63C4
            00 20 00 80 06 58 59 5A 39 38 37 -> 9000
            00 A4 02 0C 02 00 18 -> 9000
            00 20 00 80 04 31 32 33 34 -> 9000
            00 24 01 80 05 31 32 33 34 35 -> 6A80
            00 24 01 80 04 30 30 30 30 -> 9000
        "#]],
    );
}

#[test]
fn bad_commands_get_status_words_not_panics() {
    let mut chip = Chip::new(card().data);
    check(
        &mut chip,
        "
        00 B0 00 00 04                -- nothing selected
        00 A4 02 0C 02 00 0A          -- a file before its application
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 07 0C 02 00 0A          -- P1
        00 A4 02 04 02 00 0A          -- P2
        00 A4 02 0C 01 0A             -- a one-byte file ID
        00 A4 02 0C 02 00 0A
        00 B0 7F FF 04                -- past the end
        00 B0 8A 00 04                -- short file ID 0A (the certificate), offset 0
        00 20 00 80                   -- VERIFY with a certificate selected
        80 2A 00 80 01 00 00          -- signing with a certificate selected
        00 A4 04                      -- too short
        00 A4 04 0C 05 D3 92          -- Lc does not fit
        ",
        expect![[r#"
            00 B0 00 00 04 -> 6986
            00 A4 02 0C 02 00 0A -> 6A82
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 07 0C 02 00 0A -> 6A86
            00 A4 02 04 02 00 0A -> 6A86
            00 A4 02 0C 01 0A -> 6700
            00 A4 02 0C 02 00 0A -> 9000
            00 B0 7F FF 04 -> 6B00
            00 B0 8A 00 04 -> [4 bytes 3082…] 9000
            00 20 00 80 -> 6986
            80 2A 00 80 01 00 00 -> 6986
            00 A4 04 -> 6700
            00 A4 04 0C 05 D3 92 -> 6700
        "#]],
    );
    // Every one-, two- and five-byte APDU, and random longer ones, get a status word.
    for a in 0..=255u8 {
        for b in [0x00, 0x20, 0x24, 0x2A, 0xA4, 0xB0] {
            for tail in [
                &[][..],
                &[0x00],
                &[0x80, 0x00, 0x00],
                &[0x00, 0x80, 0x02, 0x00, 0x01],
            ] {
                let mut apdu = vec![a, b];
                apdu.extend_from_slice(tail);
                let r = chip.transmit(&apdu);
                assert!(r.len() >= 2, "{apdu:02X?}");
            }
        }
    }
}

#[test]
fn a_childs_card_has_no_signature_files_and_a_card_before_pick_up_no_pins() {
    let mut c = card().data;
    c.signature = None;
    let mut chip = Chip::new(c.clone());
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 01
        00 A4 02 0C 02 00 1B
        00 A4 02 0C 02 00 18
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 01 -> 6A82
            00 A4 02 0C 02 00 1B -> 6A82
            00 A4 02 0C 02 00 18 -> 9000
        "#]],
    );
    c.pins.clear();
    let mut chip = Chip::new(c);
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 18
        00 A4 02 0C 02 00 0A
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 18 -> 6A82
            00 A4 02 0C 02 00 0A -> 9000
        "#]],
    );
}

/// A card with its text and face applications, the text PIN 1234, and the holder of facts
/// §2.3's example (昭和55年2月17日, expiry 2035, security code 2285), signed by `key`.
fn card_with_info(key: &mynumber_core::document::DocumentSigningKey) -> CardData {
    card_with_photo(key, vec![0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xD9])
}

/// [`card_with_info`] with this photo.
fn card_with_photo(key: &mynumber_core::document::DocumentSigningKey, photo: Vec<u8>) -> CardData {
    let mut data = card().data;
    data.info = Some(mynumber_card::CardInfo::build(
        &mynumber_card::Holder {
            number: "123456789018".into(),
            name: "山田\u{3000}太郎".into(),
            address: "東京都新宿区西新宿２丁目８番１号".into(),
            birth: "19800217".into(),
            birth_era: "550217".into(),
            sex: '1',
            expiry: "20350217".into(),
            security_code: "2285".into(),
            municipality: "13104".into(),
            photo: Some(photo),
        },
        &|bytes| key.sign_card_data(bytes).to_vec(),
    ));
    data.set_pin(
        PinKind::TextInput,
        PinState::new("1234", [8; 16], PinKind::TextInput.max_tries()),
    );
    data
}

/// The TLVs inside a BER value (tags of one or two bytes), as (tag, value).
fn children(value: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut out = Vec::new();
    let mut at = value;
    while !at.is_empty() {
        let tag_len = if at[0] & 0x1F == 0x1F { 2 } else { 1 };
        let (len, head) = match at[tag_len] {
            n if n < 0x80 => (usize::from(n), tag_len + 1),
            0x81 => (usize::from(at[tag_len + 1]), tag_len + 2),
            _ => (
                usize::from(at[tag_len + 1]) << 8 | usize::from(at[tag_len + 2]),
                tag_len + 3,
            ),
        };
        out.push((at[..tag_len].to_vec(), at[head..head + len].to_vec()));
        at = &at[head + len..];
    }
    out
}

#[test]
fn the_text_application_opens_each_file_with_its_own_secrets() {
    let key = mynumber_core::document::DocumentSigningKey::from_bytes([5; 32]);
    let mut chip = Chip::new(card_with_info(&key));
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08   -- 券面事項入力補助AP
        00 A4 02 0C 02 00 01
        00 B0 00 00 11                                 -- the number, not yet
        00 A4 02 0C 02 00 11
        00 20 00 80                                    -- the text PIN's tries
        00 20 00 80 04 30 30 30 30                     -- wrong
        00 20 00 80 04 31 32 33 34
        00 A4 02 0C 02 00 01
        00 B0 00 00 11                                 -- 17 bytes, as jpki-cli reads
        00 A4 02 0C 02 00 02
        00 B0 00 00 00
        reset
        00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08
        00 A4 02 0C 02 00 14                           -- 照合番号A
        00 20 00 80
        00 20 00 80 0C 31 32 33 34 35 36 37 38 39 30 31 38
        00 A4 02 0C 02 00 01
        00 B0 00 00 11                                 -- A opens the number
        00 A4 02 0C 02 00 02
        00 B0 00 00 00                                 -- but not the attributes
        00 A4 02 0C 02 00 15                           -- 照合番号B
        00 20 00 80 0E 35 35 30 32 31 37 32 30 33 35 32 32 38 35
        00 A4 02 0C 02 00 02
        00 B0 00 00 00                                 -- B opens them
        00 A4 02 0C 02 00 15
        00 24 01 80 0E 30 30 30 30 30 30 30 30 30 30 30 30 30 30  -- not changeable
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08 -> 9000
            00 A4 02 0C 02 00 01 -> 9000
            00 B0 00 00 11 -> 6982
            00 A4 02 0C 02 00 11 -> 9000
            00 20 00 80 -> 63C3
            00 20 00 80 04 30 30 30 30 -> 63C2
            00 20 00 80 04 31 32 33 34 -> 9000
            00 A4 02 0C 02 00 01 -> 9000
            00 B0 00 00 11 -> [17 bytes FF10…] 9000
            00 A4 02 0C 02 00 02 -> 9000
            00 B0 00 00 00 -> [98 bytes FF20…] 9000
            reset
            00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08 -> 9000
            00 A4 02 0C 02 00 14 -> 9000
            00 20 00 80 -> 63CA
            00 20 00 80 0C 31 32 33 34 35 36 37 38 39 30 31 38 -> 9000
            00 A4 02 0C 02 00 01 -> 9000
            00 B0 00 00 11 -> [17 bytes FF10…] 9000
            00 A4 02 0C 02 00 02 -> 9000
            00 B0 00 00 00 -> 6982
            00 A4 02 0C 02 00 15 -> 9000
            00 20 00 80 0E 35 35 30 32 31 37 32 30 33 35 32 32 38 35 -> 9000
            00 A4 02 0C 02 00 02 -> 9000
            00 B0 00 00 00 -> [98 bytes FF20…] 9000
            00 A4 02 0C 02 00 15 -> 9000
            00 24 01 80 0E 30 30 30 30 30 30 30 30 30 30 30 30 30 30 -> 6986
        "#]],
    );
    // jpki-cli's reading: FF 10 0C and the 12 digits.
    chip.power(Power::Reset);
    transcript(
        &mut chip,
        "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08\n00 A4 02 0C 02 00 11\n00 20 00 80 04 31 32 33 34",
    );
    let read = |chip: &mut Chip, fid: &str| {
        transcript(chip, &format!("00 A4 02 0C 02 {fid}"));
        let r = chip.transmit(&hex("00 B0 00 00 00"));
        r[..r.len() - 2].to_vec()
    };
    let number = read(&mut chip, "00 01");
    assert_eq!(&number[..15], b"\xFF\x10\x0C123456789018");
    let attributes = read(&mut chip, "00 02");
    let items = children(&children(&attributes)[0].1);
    let values: Vec<String> = items[1..]
        .iter()
        .map(|(_, v)| String::from_utf8(v.clone()).unwrap())
        .collect();
    assert_eq!(
        values,
        [
            "山田\u{3000}太郎",
            "東京都新宿区西新宿２丁目８番１号",
            "19800217",
            "1"
        ]
    );
    // The integrity record: the digests of both files, signed by the issuer.
    let integrity = read(&mut chip, "00 03");
    let parts = children(&children(&integrity)[0].1);
    let sha = |b: &[u8]| {
        aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, b)
            .as_ref()
            .to_vec()
    };
    assert_eq!(parts[0].1, sha(&number));
    let without_offsets: Vec<u8> = items[1..]
        .iter()
        .flat_map(|(t, v)| {
            let mut tlv = t.clone();
            tlv.push(v.len() as u8);
            tlv.extend_from_slice(v);
            tlv
        })
        .collect();
    assert_eq!(parts[1].1, sha(&without_offsets));
    let signed = [parts[0].1.clone(), parts[1].1.clone()].concat();
    assert!(key.public().verify_card_data(&signed, &parts[2].1));
    assert!(!key.public().verify_card_data(&signed[1..], &parts[2].1));
}

#[test]
fn the_face_application_shows_the_face_behind_the_collation_numbers() {
    let key = mynumber_core::document::DocumentSigningKey::from_bytes([5; 32]);
    let mut chip = Chip::new(card_with_info(&key));
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02   -- 券面事項確認AP
        00 A4 02 0C 02 00 03
        00 B0 00 00 00                                 -- basic info: free
        00 A4 02 0C 02 00 02
        00 B0 00 00 04                                 -- the face: not yet
        00 A4 02 0C 02 00 11                           -- the birth date 550217
        00 20 00 80 06 35 35 30 32 31 37
        00 A4 02 0C 02 00 01
        00 B0 00 00 00                                 -- it opens the age record
        00 A4 02 0C 02 00 02
        00 B0 00 00 04                                 -- but not the face
        00 A4 02 0C 02 00 13                           -- 照合番号A
        00 20 00 80 0C 31 32 33 34 35 36 37 38 39 30 31 39  -- a wrong number
        00 20 00 80 0C 31 32 33 34 35 36 37 38 39 30 31 38
        00 A4 02 0C 02 00 02
        00 B0 00 00 04
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02 -> 9000
            00 A4 02 0C 02 00 03 -> 9000
            00 B0 00 00 00 -> [18 bytes FF30…] 9000
            00 A4 02 0C 02 00 02 -> 9000
            00 B0 00 00 04 -> 6982
            00 A4 02 0C 02 00 11 -> 9000
            00 20 00 80 06 35 35 30 32 31 37 -> 9000
            00 A4 02 0C 02 00 01 -> 9000
            00 B0 00 00 00 -> [81 bytes FF10…] 9000
            00 A4 02 0C 02 00 02 -> 9000
            00 B0 00 00 04 -> 6982
            00 A4 02 0C 02 00 13 -> 9000
            00 20 00 80 0C 31 32 33 34 35 36 37 38 39 30 31 39 -> 63C9
            00 20 00 80 0C 31 32 33 34 35 36 37 38 39 30 31 38 -> 9000
            00 A4 02 0C 02 00 02 -> 9000
            00 B0 00 00 04 -> [4 bytes FF20…] 9000
        "#]],
    );
    // The face record: birth, sex, name, address, photo under the issuer's signature; the
    // expiry and security code outside it.
    transcript(&mut chip, "00 A4 02 0C 02 00 02");
    let mut face = Vec::new();
    loop {
        let [hi, lo] = u16::try_from(face.len()).unwrap().to_be_bytes();
        let r = chip.transmit(&[0x00, 0xB0, hi, lo, 0x00]);
        let data = &r[..r.len() - 2];
        face.extend_from_slice(data);
        if data.len() < 256 {
            break;
        }
    }
    let items = children(&children(&face)[0].1);
    let tags: Vec<u8> = items.iter().map(|(t, _)| t[1]).collect();
    assert_eq!(tags, [0x21, 0x22, 0x23, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A]);
    let signed: Vec<u8> = items[1..6]
        .iter()
        .flat_map(|(t, v)| {
            let mut tlv = t.clone();
            tlv.push(v.len() as u8);
            tlv.extend_from_slice(v);
            tlv
        })
        .collect();
    assert!(key.public().verify_card_data(&signed, &items[6].1));
    assert_eq!(items[7].1, b"20350217");
    assert_eq!(items[8].1, b"2285");
    // Without the card's info, neither application exists.
    let mut plain = Chip::new(card().data);
    assert_eq!(
        plain.transmit(&hex("00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08")),
        [0x6A, 0x82]
    );
}

/// An extended-Le read of a face file longer than a response can be gets as much as fits with
/// its status word, and the rest by offset (issue 9: such a read ended `card attach`).
#[test]
fn an_extended_read_of_a_large_face_file_fits_one_response() {
    let key = mynumber_core::document::DocumentSigningKey::from_bytes([5; 32]);
    let mut photo = vec![0xFF, 0xD8];
    photo.resize(70_000, 0x55);
    photo.extend_from_slice(&[0xFF, 0xD9]);
    let data = card_with_photo(&key, photo);
    let face = data.info.as_ref().unwrap().face_file.clone();
    assert!(face.len() > mynumber_card::MAX_RESPONSE);
    let mut chip = Chip::new(data);
    transcript(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02
        00 A4 02 0C 02 00 13
        00 20 00 80 0C 31 32 33 34 35 36 37 38 39 30 31 38
        00 A4 02 0C 02 00 02
        ",
    );
    let first = chip.transmit(&hex("00 B0 00 00 00 00 00"));
    assert!(
        first.len() <= mynumber_card::MAX_RESPONSE,
        "{}",
        first.len()
    );
    assert_eq!(&first[first.len() - 2..], &[0x90, 0x00]);
    let got = first.len() - 2;
    assert_eq!(&first[..got], &face[..got]);
    assert_eq!(got, mynumber_card::MAX_RESPONSE - 2, "as much as fits");
}

/// A try is kept, used, before the PIN is compared (as a chip writes its counter first), and a
/// card whose state cannot be kept answers nothing about the PIN (issue 9, hole 6: with a
/// read-only card file, 7 wrong PINs were followed by a right one that signed).
#[test]
fn a_try_is_kept_before_the_pin_is_compared_and_an_unkept_one_is_not_answered() {
    use std::sync::{Arc, Mutex};
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut chip = Chip::new(card().data);
    let kept = seen.clone();
    chip.keep_with(Box::new(move |d| {
        kept.lock()
            .unwrap()
            .push(d.pin(PinKind::Authentication).unwrap().tries_left());
        true
    }));
    check(
        &mut chip,
        &format!("{SELECT_JPKI}\n00 A4 02 0C 02 00 18\n00 20 00 80 04 31 32 33 34"),
        expect![[r#"
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 18 -> 9000
            00 20 00 80 04 31 32 33 34 -> 9000
        "#]],
    );
    assert_eq!(
        *seen.lock().unwrap(),
        vec![2],
        "the right PIN's try was kept first"
    );
    assert_eq!(
        chip.data()
            .pin(PinKind::Authentication)
            .unwrap()
            .tries_left(),
        3,
        "and restored after"
    );
    assert!(
        chip.take_changed(),
        "the restored try must be written over the kept one"
    );

    let mut chip = Chip::new(card().data);
    chip.keep_with(Box::new(|_| false));
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 18
        00 20 00 80 04 30 30 30 30   -- wrong
        00 20 00 80 04 30 30 30 31   -- wrong
        00 20 00 80 04 31 32 33 34   -- right, but the try cannot be kept
        00 20 00 80                  -- tries: none used
        00 A4 02 0C 02 00 17
        80 2A 00 80 33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  -- no signature
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 18 -> 9000
            00 20 00 80 04 30 30 30 30 -> 6581
            00 20 00 80 04 30 30 30 31 -> 6581
            00 20 00 80 04 31 32 33 34 -> 6581
            00 20 00 80 -> 63C3
            00 A4 02 0C 02 00 17 -> 9000
            80 2A 00 80 33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 -> 6982
        "#]],
    );
}

/// A key source that hands out `keys` in turn, and counts what it gave.
fn source_of(keys: Vec<Vec<u8>>) -> mynumber_card::KeySource {
    let mut keys = keys.into_iter();
    Box::new(move || keys.next())
}

#[test]
fn a_key_pair_is_generated_only_in_an_issuer_session_with_its_pin() {
    let c = card();
    let mut chip = Chip::new(c.data.clone());
    chip.power(Power::On);
    // A client cannot generate: no issuer session.
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 18
        00 20 00 80 04 31 32 33 34
        00 A4 02 0C 02 00 17
        00 47 80 00 00 00 00
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 18 -> 9000
            00 20 00 80 04 31 32 33 34 -> 9000
            00 A4 02 0C 02 00 17 -> 9000
            00 47 80 00 00 00 00 -> 6982
        "#]],
    );
    assert!(
        chip.install_certificate(mynumber_card::Pair::Authentication, vec![1], vec![2])
            .is_err()
    );
    // The issuer's session, but the signature password not verified; then a short Le, a
    // PIN file selected, a wrong P1; then the right command.
    let (new_key, new_pair) = key();
    chip.power(Power::Reset);
    chip.power(Power::On);
    chip.open_issuer_session(source_of(vec![new_key.clone()]));
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 1A
        00 47 80 00 00 00 00               -- the password not verified
        00 A4 02 0C 02 00 1B
        00 20 00 80 06 41 42 43 31 32 33
        00 47 80 00 00 00 00               -- a PIN file selected
        00 A4 02 0C 02 00 1A
        00 47 00 00 00 00 00               -- P1 00 is not generation
        00 47 80 00 00                     -- a short Le cannot hold the key
        00 47 80 00 00 00 00
        00 47 80 00 00 00 00               -- the source has no more keys
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 1A -> 9000
            00 47 80 00 00 00 00 -> 6982
            00 A4 02 0C 02 00 1B -> 9000
            00 20 00 80 06 41 42 43 31 32 33 -> 9000
            00 47 80 00 00 00 00 -> 6986
            00 A4 02 0C 02 00 1A -> 9000
            00 47 00 00 00 00 00 -> 6A86
            00 47 80 00 00 -> 6700
            00 47 80 00 00 00 00 -> [270 bytes 7F49…] 9000
            00 47 80 00 00 00 00 -> 6581
        "#]],
    );
    // The template carries the new key's modulus and exponent.
    let r = {
        let mut again = Chip::new(c.data.clone());
        again.power(Power::On);
        again.open_issuer_session(source_of(vec![new_key.clone()]));
        transcript(
            &mut again,
            "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
             00 A4 02 0C 02 00 1B
             00 20 00 80 06 41 42 43 31 32 33
             00 A4 02 0C 02 00 1A",
        );
        again.transmit(&hex("00 47 80 00 00 00 00"))
    };
    let (template, _) = r.split_at(r.len() - 2);
    let (modulus, exponent) = mynumber_card::parse_public_key_template(template).unwrap();
    let public = new_pair.public_key();
    assert_eq!(modulus, public.modulus().big_endian_without_leading_zero());
    assert_eq!(
        exponent,
        public.exponent().big_endian_without_leading_zero()
    );
    // The new key signs now, and the old certificate left with the old key.
    assert!(chip.take_changed());
    assert_eq!(chip.data().signature.as_ref().unwrap().private_key, new_key);
    assert!(
        chip.data()
            .signature
            .as_ref()
            .unwrap()
            .certificate
            .is_empty()
    );
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, b"renewed");
    let mut apdu = hex("80 2A 00 80 33 30 31 30 0d 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20");
    apdu.extend_from_slice(digest.as_ref());
    apdu.push(0x00);
    let r = chip.transmit(&apdu);
    let (signature, sw) = r.split_at(r.len() - 2);
    assert_eq!(sw, [0x90, 0x00]);
    let new_public = spki(&new_pair);
    aws_lc_rs::signature::UnparsedPublicKey::new(
        &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
        &new_public[new_public.len() - 270..],
    )
    .verify(b"renewed", signature)
    .unwrap();
    // Only the pair generated takes a certificate, once.
    use mynumber_card::Pair;
    assert!(
        chip.install_certificate(Pair::Authentication, vec![1], vec![2])
            .is_err()
    );
    chip.install_certificate(Pair::Signature, vec![1], vec![2])
        .unwrap();
    assert!(
        chip.install_certificate(Pair::Signature, vec![3], vec![4])
            .is_err()
    );
    assert_eq!(chip.data().signature.as_ref().unwrap().certificate, [1]);
    // A reset ends the issuer session.
    chip.power(Power::Reset);
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 1B
        00 20 00 80 06 41 42 43 31 32 33
        00 A4 02 0C 02 00 1A
        00 47 80 00 00 00 00
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 1B -> 9000
            00 20 00 80 06 41 42 43 31 32 33 -> 9000
            00 A4 02 0C 02 00 1A -> 9000
            00 47 80 00 00 00 00 -> 6982
        "#]],
    );
}

#[test]
fn an_issuer_session_adds_a_key_pair_the_card_never_had() {
    // A child's card: no signature key, and no password until the issuer sets one.
    let mut data = card().data;
    data.signature = None;
    data.pins.retain(|(k, _)| *k != PinKind::Signature);
    let mut chip = Chip::new(data.clone());
    chip.power(Power::On);
    chip.open_issuer_session(source_of(vec![key().0]));
    // No password yet: its file is not there.
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 1B
        00 A4 02 0C 02 00 01
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 1B -> 6A82
            00 A4 02 0C 02 00 01 -> 6A82
        "#]],
    );
    // The issuer sets the password the holder chose (as the register does before opening the
    // session), then the pair is made.
    data.set_pin(PinKind::Signature, PinState::new("NEW456", [1; 16], 5));
    let mut chip = Chip::new(data);
    chip.power(Power::On);
    chip.open_issuer_session(source_of(vec![key().0]));
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01
        00 A4 02 0C 02 00 1B
        00 20 00 80 06 4E 45 57 34 35 36
        00 A4 02 0C 02 00 1A
        00 47 80 00 00 00 00
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 -> 9000
            00 A4 02 0C 02 00 1B -> 9000
            00 20 00 80 06 4E 45 57 34 35 36 -> 9000
            00 A4 02 0C 02 00 1A -> 9000
            00 47 80 00 00 00 00 -> [270 bytes 7F49…] 9000
        "#]],
    );
    assert!(chip.data().signature.is_some());
}

#[test]
fn public_key_templates_round_trip_and_malformed_ones_are_refused() {
    let t = mynumber_card::public_key_template(&[0xC5; 256], &[1, 0, 1]);
    assert_eq!(&t[..4], [0x7F, 0x49, 0x82, 0x01]);
    assert_eq!(
        mynumber_card::parse_public_key_template(&t),
        Some((&[0xC5u8; 256][..], &[1u8, 0, 1][..]))
    );
    for bad in [
        &t[..t.len() - 1],
        &[0x7F, 0x49, 0x00][..],
        &[0x7F, 0x49, 0x03, 0x81, 0x01, 0x05][..], // no exponent
        &[0x7F, 0x49, 0x06, 0x81, 0x01, 0x05, 0x81, 0x01, 0x05][..], // modulus twice
        &[0x7F, 0x49, 0x03, 0x83, 0x01, 0x05][..], // unknown tag
        &[0x7F, 0x49, 0x81, 0x03, 0x81, 0x01, 0x05][..], // a long form for a short length
    ] {
        assert_eq!(
            mynumber_card::parse_public_key_template(bad),
            None,
            "{bad:02X?}"
        );
    }
}

#[test]
fn the_resident_registry_application_checks_its_pin_and_nothing_else() {
    let key = mynumber_core::document::DocumentSigningKey::from_bytes([5; 32]);
    let mut data = card_with_info(&key);
    data.set_pin(
        PinKind::ResidentRegistry,
        PinState::new("4321", [9; 16], PinKind::ResidentRegistry.max_tries()),
    );
    let mut chip = Chip::new(data);
    chip.power(Power::On);
    check(
        &mut chip,
        "
        00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 01   -- 住基AP
        00 A4 02 0C 02 00 1C
        00 20 00 80                                    -- tries, not counted
        00 20 00 80 04 31 32 33 34                     -- the text PIN is not this one
        00 20 00 80 04 34 33 32 31
        00 A4 02 0C 02 00 02                           -- nothing else is public
        00 A4 02 0C 02 00 11
        ",
        expect![[r#"
            00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 01 -> 9000
            00 A4 02 0C 02 00 1C -> 9000
            00 20 00 80 -> 63C3
            00 20 00 80 04 31 32 33 34 -> 63C2
            00 20 00 80 04 34 33 32 31 -> 9000
            00 A4 02 0C 02 00 02 -> 6A82
            00 A4 02 0C 02 00 11 -> 6A82
        "#]],
    );
    // A card without the text and face applications has no 住基AP either.
    let mut bare = Chip::new(card().data);
    bare.power(Power::On);
    assert_eq!(
        bare.transmit(&hex("00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 01")),
        [0x6A, 0x82]
    );
}
