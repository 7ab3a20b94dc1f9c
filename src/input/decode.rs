//! Bytes → text: BOM sniffing, a UTF-8 fast path, and charset detection
//! (`chardetng` + `encoding_rs`) for legacy encodings such as Windows-1252.

use std::fmt;

/// Decoded text and the name of the encoding it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (BOM removed).
    pub text: String,
    /// The encoding's canonical name (`UTF-8`, `UTF-16LE`, `windows-1252`, ...).
    pub encoding: &'static str,
}

/// Why bytes could not be turned into report text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The input has no content (zero bytes, or only whitespace).
    Empty,
    /// The input looks like a binary file, not text.
    Binary {
        /// Human-readable evidence ("NUL byte at offset 12").
        why: String,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("empty input (no text after decoding)"),
            DecodeError::Binary { why } => write!(f, "looks like a binary file, not text ({why})"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// How many leading bytes are inspected for binary content.
const SNIFF: usize = 8 * 1024;

/// Decodes `bytes` into text.
///
/// Order: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) wins; otherwise binary content
/// (a NUL byte in the first 8 KiB, or more than 10 % control characters there) is
/// rejected; valid UTF-8 is taken as is; anything else is guessed by `chardetng` and
/// decoded by `encoding_rs` (malformed sequences become U+FFFD).
/// Empty or whitespace-only input is [`DecodeError::Empty`].
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let decoded = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
            sniff_binary(rest)?;
        }
        let (text, _had_errors) = enc.decode_without_bom_handling(rest);
        Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
        }
    } else {
        sniff_binary(bytes)?;
        match std::str::from_utf8(bytes) {
            Ok(s) => Decoded {
                text: s.to_owned(),
                encoding: encoding_rs::UTF_8.name(),
            },
            Err(_) if mostly_utf8(bytes) => Decoded {
                text: String::from_utf8_lossy(bytes).into_owned(),
                encoding: encoding_rs::UTF_8.name(),
            },
            Err(_) => {
                let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                // chardetng needs no more than a prefix to decide; cap its work.
                let sample = bytes.get(..bytes.len().min(1 << 20)).unwrap_or(bytes);
                det.feed(sample, sample.len() == bytes.len());
                let enc = det.guess(None, chardetng::Utf8Detection::Allow);
                let (text, _had_errors) = enc.decode_without_bom_handling(bytes);
                Decoded {
                    text: text.into_owned(),
                    encoding: enc.name(),
                }
            }
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(decoded)
}

/// UTF-8 with a few stray bytes (a truncated copy, a bad concatenation): at least as
/// many well-formed multi-byte sequences as malformed ones. Legacy 8-bit text almost
/// never forms valid multi-byte UTF-8 sequences, so it fails this test and goes to
/// detection; without it one stray byte turned a whole UTF-8 file into mojibake.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut malformed) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        if !chunk.invalid().is_empty() {
            malformed += 1;
        }
    }
    multibyte > 0 && malformed <= multibyte
}

/// Rejects inputs whose first 8 KiB contain NUL bytes or many control characters.
fn sniff_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    let head = bytes.get(..bytes.len().min(SNIFF)).unwrap_or(bytes);
    if let Some(pos) = memchr::memchr(0, head) {
        return Err(DecodeError::Binary {
            why: format!("NUL byte at offset {pos}"),
        });
    }
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f)
        .count();
    // More than 10 % C0 controls (beyond tab/newline/form feed) is not prose.
    if !head.is_empty() && controls * 10 > head.len() {
        return Err(DecodeError::Binary {
            why: format!("{controls} control bytes in the first {} bytes", head.len()),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Europol in Den Haag – café".as_bytes()).unwrap();
        assert_eq!(d.text, "Europol in Den Haag – café");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf8_bom_is_removed() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Hallo Welt".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.text, "Hallo Welt");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_with_bom() {
        let s = "Opération à Lyon";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (s, "UTF-16LE"));
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (s, "UTF-16BE"));
    }

    #[test]
    fn latin1_is_detected() {
        // "La détention a été prolongée à Genève" in Windows-1252
        let text = "La détention a été prolongée à Genève, près du lac. Les enquêteurs ont arrêté deux hommes.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        let mut b = "Opération à Genève, les enquêteurs ont saisi des serveurs."
            .as_bytes()
            .to_vec();
        b.extend_from_slice(b" \xe9 fin");
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(
            d.text,
            "Opération à Genève, les enquêteurs ont saisi des serveurs. \u{fffd} fin"
        );
    }

    #[test]
    fn binary_and_empty_are_rejected() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\t \r\n"), Err(DecodeError::Empty));
        let err = decode(b"PK\x03\x04\x00\x00binary").unwrap_err();
        assert!(matches!(err, DecodeError::Binary { .. }));
        assert!(err.to_string().contains("NUL byte at offset 4"), "{err}");
        let ctl: Vec<u8> = (0..200u8).map(|i| if i % 3 == 0 { 0x01 } else { b'a' }).collect();
        assert!(matches!(decode(&ctl), Err(DecodeError::Binary { .. })));
    }
}
