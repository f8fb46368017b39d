//! Captchas: a distorted image of 5–6 characters, or (the accessible
//! alternative) an arithmetic question in French words. Single use, expiring,
//! kept in a bounded store.

use crate::errors::ApiError;
use crate::font;
use crate::png;
use crate::rand::Pool;

pub const IMAGE_WIDTH: u32 = 200;
pub const IMAGE_HEIGHT: u32 = 70;
const SCALE: i32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Image,
    Question,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Image => "image",
            Kind::Question => "question",
        }
    }
}

/// A freshly made captcha: what the client sees and the expected answer.
#[derive(Debug, Clone)]
pub struct Challenge {
    pub answer: String,
    /// `data:image/png;base64,…` (image kind).
    pub image: Option<String>,
    /// The question in French (question kind).
    pub question: Option<String>,
}

/// Compares answers ignoring case and white space.
pub fn normalize_answer(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

pub fn generate(kind: Kind, rng: &mut Pool) -> Result<Challenge, ApiError> {
    match kind {
        Kind::Image => {
            let len = rng.range(5, 6)? as usize;
            let alphabet: Vec<char> = font::ALPHABET.chars().collect();
            let mut text = String::with_capacity(len);
            for _ in 0..len {
                text.push(alphabet[rng.below(alphabet.len() as u32)? as usize]);
            }
            let pixels = render(&text, rng)?;
            let png = png::encode_gray(IMAGE_WIDTH, IMAGE_HEIGHT, &pixels);
            let image = format!("data:image/png;base64,{}", crate::base64::encode(&png));
            Ok(Challenge {
                answer: text,
                image: Some(image),
                question: None,
            })
        }
        Kind::Question => {
            let (question, answer) = question(rng)?;
            Ok(Challenge {
                answer,
                image: None,
                question: Some(question),
            })
        }
    }
}

const NUMBERS: [&str; 21] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt",
];

fn question(rng: &mut Pool) -> Result<(String, String), ApiError> {
    let (a, b, op, result) = if rng.below(2)? == 0 {
        let a = rng.range(1, 10)?;
        let b = rng.range(1, 10)?;
        (a, b, "plus", a + b)
    } else {
        let a = rng.range(6, 20)?;
        let b = rng.range(1, a - 1)?;
        (a, b, "moins", a - b)
    };
    let q = format!(
        "Combien font {} {op} {} ? Répondez en chiffres.",
        NUMBERS[a as usize], NUMBERS[b as usize]
    );
    Ok((q, result.to_string()))
}

/// Draws the text: per-glyph offset and slant, then noise lines and dots.
fn render(text: &str, rng: &mut Pool) -> Result<Vec<u8>, ApiError> {
    let (w, h) = (IMAGE_WIDTH as i32, IMAGE_HEIGHT as i32);
    let mut px = vec![0u8; (w * h) as usize];
    for (i, p) in px.iter_mut().enumerate() {
        let x = i as i32 % w;
        *p = (236 + (x * 16 / w)) as u8;
    }
    let put = |px: &mut Vec<u8>, x: i32, y: i32, v: u8| {
        if (0..w).contains(&x) && (0..h).contains(&y) {
            px[(y * w + x) as usize] = v;
        }
    };
    let n = text.chars().count() as i32;
    let glyph_w = font::WIDTH as i32 * SCALE;
    let glyph_h = font::HEIGHT as i32 * SCALE;
    let step = (w - 16) / n.max(1);
    for (i, c) in text.chars().enumerate() {
        let Some(rows) = font::glyph(c) else { continue };
        let x0 = 8 + i as i32 * step + (step - glyph_w) / 2 + rng.range(-3, 3)?;
        let y0 = (h - glyph_h) / 2 + rng.range(-9, 9)?;
        let slant = rng.range(-1, 1)?;
        let ink = rng.range(10, 60)? as u8;
        for (r, bits) in rows.iter().enumerate() {
            let shift = slant * (3 - r as i32);
            for col in 0..font::WIDTH {
                if bits & (1 << (font::WIDTH - 1 - col)) == 0 {
                    continue;
                }
                for dy in 0..SCALE {
                    for dx in 0..SCALE {
                        let x = x0 + col as i32 * SCALE + dx + shift + (dy * slant) / SCALE;
                        put(&mut px, x, y0 + r as i32 * SCALE + dy, ink);
                    }
                }
            }
        }
    }
    for _ in 0..rng.range(5, 7)? {
        let (x1, y1) = (rng.range(0, w / 3)?, rng.range(0, h - 1)?);
        let (x2, y2) = (rng.range(2 * w / 3, w - 1)?, rng.range(0, h - 1)?);
        let v = rng.range(110, 190)? as u8;
        line(&mut px, w, h, (x1, y1), (x2, y2), v);
    }
    for _ in 0..350 {
        let (x, y) = (rng.range(0, w - 1)?, rng.range(0, h - 1)?);
        let v = rng.range(40, 200)? as u8;
        put(&mut px, x, y, v);
    }
    Ok(px)
}

/// Bresenham.
fn line(px: &mut [u8], w: i32, h: i32, (mut x, mut y): (i32, i32), (x2, y2): (i32, i32), v: u8) {
    let (dx, dy) = ((x2 - x).abs(), -(y2 - y).abs());
    let (sx, sy) = (if x < x2 { 1 } else { -1 }, if y < y2 { 1 } else { -1 });
    let mut err = dx + dy;
    loop {
        if (0..w).contains(&x) && (0..h).contains(&y) {
            px[(y * w + x) as usize] = v;
        }
        if x == x2 && y == y2 {
            break;
        }
        let e2 = 2 * err;
        if e2 >= dy {
            err += dy;
            x += sx;
        }
        if e2 <= dx {
            err += dx;
            y += sy;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::png::tests::decode_gray;

    fn decode_data_url(url: &str) -> Vec<u8> {
        let b64 = url.strip_prefix("data:image/png;base64,").unwrap_or("");
        let mut out = Vec::new();
        let val = |c: u8| {
            crate::base64::tests_alphabet()
                .iter()
                .position(|&a| a == c)
                .unwrap_or(0) as u32
        };
        for chunk in b64.as_bytes().chunks(4) {
            let n = chunk.iter().fold(0u32, |acc, &c| {
                (acc << 6) | if c == b'=' { 0 } else { val(c) }
            });
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            let pad = chunk.iter().filter(|&&c| c == b'=').count();
            out.extend_from_slice(&bytes[..3 - pad]);
        }
        out
    }

    #[test]
    fn image_captcha_is_a_valid_png() {
        let mut rng = Pool::new().unwrap_or_else(|_| panic!("getrandom"));
        for _ in 0..20 {
            let c = generate(Kind::Image, &mut rng).unwrap_or_else(|_| panic!("generate"));
            assert!((5..=6).contains(&c.answer.len()), "{}", c.answer);
            assert!(c.answer.chars().all(|ch| font::ALPHABET.contains(ch)));
            assert!(c.question.is_none());
            let url = c.image.unwrap_or_default();
            let png = decode_data_url(&url);
            let (w, h, px) = decode_gray(&png).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!((w, h), (IMAGE_WIDTH, IMAGE_HEIGHT));
            let dark = px.iter().filter(|&&p| p <= 80).count();
            assert!(dark > 5 * 100, "glyphs drawn ({dark} dark pixels)");
        }
    }

    #[test]
    fn question_captcha() {
        let mut rng = Pool::new().unwrap_or_else(|_| panic!("getrandom"));
        for _ in 0..50 {
            let c = generate(Kind::Question, &mut rng).unwrap_or_else(|_| panic!("generate"));
            let q = c.question.unwrap_or_default();
            assert!(
                q.starts_with("Combien font ") && q.ends_with(" ? Répondez en chiffres."),
                "{q}"
            );
            assert!(c.image.is_none());
            let words: Vec<&str> = q.trim_start_matches("Combien font ").split(' ').collect();
            let num = |w: &str| NUMBERS.iter().position(|n| *n == w).unwrap_or(99) as i32;
            let want = match words[1] {
                "plus" => num(words[0]) + num(words[2]),
                _ => num(words[0]) - num(words[2]),
            };
            assert!(want >= 0);
            assert_eq!(c.answer, want.to_string());
        }
    }

    #[test]
    fn answers_are_case_and_space_insensitive() {
        assert_eq!(normalize_answer(" ac d3 "), normalize_answer("ACD3"));
        assert_ne!(normalize_answer("ACD3"), normalize_answer("ACD4"));
    }
}
