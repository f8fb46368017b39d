//! Randomness from the OS (getrandom): ids, tokens and captcha choices.

use crate::errors::ApiError;

/// Fills a buffer with OS randomness.
pub fn bytes<const N: usize>() -> Result<[u8; N], ApiError> {
    let mut buf = [0u8; N];
    getrandom::getrandom(&mut buf).map_err(|_| ApiError::internal())?;
    Ok(buf)
}

/// Lower-case hex of `N` random bytes.
pub fn hex_id<const N: usize>() -> Result<String, ApiError> {
    Ok(to_hex(&bytes::<N>()?))
}

pub fn to_hex(b: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for &x in b {
        s.push(DIGITS[(x >> 4) as usize] as char);
        s.push(DIGITS[(x & 15) as usize] as char);
    }
    s
}

/// A source of small random numbers drawn from one getrandom call.
pub struct Pool {
    buf: [u8; 256],
    pos: usize,
}

impl Pool {
    pub fn new() -> Result<Self, ApiError> {
        Ok(Pool {
            buf: bytes::<256>()?,
            pos: 0,
        })
    }

    fn next_u32(&mut self) -> Result<u32, ApiError> {
        if self.pos + 4 > self.buf.len() {
            self.buf = bytes::<256>()?;
            self.pos = 0;
        }
        let b = &self.buf[self.pos..self.pos + 4];
        self.pos += 4;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Uniform in `0..n` (n > 0), by rejection so there is no modulo bias.
    pub fn below(&mut self, n: u32) -> Result<u32, ApiError> {
        let n = n.max(1);
        let zone = u32::MAX - (u32::MAX % n);
        loop {
            let x = self.next_u32()?;
            if x < zone {
                return Ok(x % n);
            }
        }
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i32, hi: i32) -> Result<i32, ApiError> {
        if hi <= lo {
            return Ok(lo);
        }
        Ok(lo + self.below((hi - lo + 1) as u32)? as i32)
    }
}
