//! A minimal PNG encoder: 8-bit greyscale, no filtering, zlib stored blocks
//! (no compression), CRC-32 and Adler-32 computed here. Enough for captchas.

/// CRC-32 (IEEE 802.3, reflected, poly 0xEDB88320), as PNG chunks need.
#[cfg(test)]
pub fn crc32(data: &[u8]) -> u32 {
    crc32_update(0xFFFF_FFFF, data) ^ 0xFFFF_FFFF
}

fn crc32_update(mut crc: u32, data: &[u8]) -> u32 {
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    crc
}

/// Adler-32 (RFC 1950), the zlib stream trailer.
pub fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65_521;
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5_552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

/// A zlib stream (RFC 1950) made of deflate stored blocks (RFC 1951 §3.2.4).
pub fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / 65_535 * 5 + 11);
    out.extend_from_slice(&[0x78, 0x01]); // deflate, 32K window, no dict, fastest; (0x7801 % 31 == 0)
    let mut chunks = data.chunks(65_535).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        out.push(u8::from(last)); // BFINAL, BTYPE=00
        let len = chunk.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32_update(crc32_update(0xFFFF_FFFF, kind), data) ^ 0xFFFF_FFFF;
    out.extend_from_slice(&crc.to_be_bytes());
}

pub const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1A, b'\n'];

/// Encodes `pixels` (row-major, one byte per pixel, `width * height` long).
pub fn encode_gray(width: u32, height: u32, pixels: &[u8]) -> Vec<u8> {
    let w = width as usize;
    let mut raw = Vec::with_capacity((w + 1) * height as usize);
    for row in pixels.chunks(w.max(1)).take(height as usize) {
        raw.push(0); // filter type: None
        raw.extend_from_slice(row);
    }
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // depth 8, greyscale, deflate, adaptive filters, no interlace
    let mut out = Vec::with_capacity(raw.len() + 64);
    out.extend_from_slice(&SIGNATURE);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    out
}

#[cfg(test)]
pub mod tests {
    use super::*;

    #[test]
    fn checksums() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        assert_eq!(adler32(b""), 1);
    }

    /// Inflates a zlib stream made only of stored blocks; checks the header and Adler-32.
    pub fn inflate_stored(z: &[u8]) -> Result<Vec<u8>, String> {
        if z.len() < 6 || z[0] & 0x0F != 8 || (u16::from(z[0]) << 8 | u16::from(z[1])) % 31 != 0 {
            return Err("bad zlib header".into());
        }
        let mut pos = 2;
        let mut out = Vec::new();
        loop {
            let head = *z.get(pos).ok_or("truncated")?;
            if head & 0b110 != 0 {
                return Err("not a stored block".into());
            }
            let b = z.get(pos + 1..pos + 5).ok_or("truncated")?;
            let len = u16::from_le_bytes([b[0], b[1]]);
            let nlen = u16::from_le_bytes([b[2], b[3]]);
            if len != !nlen {
                return Err("LEN/NLEN mismatch".into());
            }
            pos += 5;
            out.extend_from_slice(z.get(pos..pos + len as usize).ok_or("truncated")?);
            pos += len as usize;
            if head & 1 == 1 {
                break;
            }
        }
        let t = z.get(pos..pos + 4).ok_or("no adler")?;
        if u32::from_be_bytes([t[0], t[1], t[2], t[3]]) != adler32(&out) || pos + 4 != z.len() {
            return Err("bad adler32 / trailing bytes".into());
        }
        Ok(out)
    }

    /// Parses a PNG made by `encode_gray`: (width, height, pixels). Checks every CRC.
    pub fn decode_gray(png: &[u8]) -> Result<(u32, u32, Vec<u8>), String> {
        if png.get(..8) != Some(&SIGNATURE[..]) {
            return Err("bad signature".into());
        }
        let mut pos = 8;
        let (mut w, mut h, mut idat, mut seen_end) = (0, 0, Vec::new(), false);
        while pos < png.len() {
            let len = u32::from_be_bytes(png[pos..pos + 4].try_into().map_err(|_| "len")?) as usize;
            let kind = &png[pos + 4..pos + 8];
            let data = png.get(pos + 8..pos + 8 + len).ok_or("truncated chunk")?;
            let crc = u32::from_be_bytes(
                png.get(pos + 8 + len..pos + 12 + len)
                    .ok_or("no crc")?
                    .try_into()
                    .map_err(|_| "crc")?,
            );
            if crc != crc32(&png[pos + 4..pos + 8 + len]) {
                return Err(format!("bad CRC in {}", String::from_utf8_lossy(kind)));
            }
            match kind {
                b"IHDR" => {
                    if pos != 8 || len != 13 || data[8..] != [8, 0, 0, 0, 0] {
                        return Err("bad IHDR".into());
                    }
                    w = u32::from_be_bytes([data[0], data[1], data[2], data[3]]);
                    h = u32::from_be_bytes([data[4], data[5], data[6], data[7]]);
                }
                b"IDAT" => idat.extend_from_slice(data),
                b"IEND" => seen_end = true,
                _ => return Err("unexpected chunk".into()),
            }
            pos += 12 + len;
        }
        if !seen_end {
            return Err("no IEND".into());
        }
        let raw = inflate_stored(&idat)?;
        if raw.len() != (w as usize + 1) * h as usize {
            return Err("wrong image data length".into());
        }
        let mut pixels = Vec::with_capacity((w * h) as usize);
        for row in raw.chunks(w as usize + 1) {
            if row[0] != 0 {
                return Err("unexpected filter".into());
            }
            pixels.extend_from_slice(&row[1..]);
        }
        Ok((w, h, pixels))
    }

    #[test]
    fn round_trip() {
        let (w, h) = (300u32, 250u32); // > 65535 bytes of image data: several stored blocks
        let pixels: Vec<u8> = (0..w * h).map(|i| (i * 7 % 251) as u8).collect();
        let png = encode_gray(w, h, &pixels);
        assert_eq!(decode_gray(&png), Ok((w, h, pixels)));
        assert_eq!(inflate_stored(&zlib_stored(b"")), Ok(vec![]));
    }
}
