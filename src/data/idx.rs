//! The IDX file format of MNIST (<http://yann.lecun.com/exdb/mnist/>), plain or gzipped.
//!
//! An IDX file is a big-endian header followed by raw bytes:
//! - images: magic 2051 (`0x00000803`: unsigned bytes, 3 dimensions), count, rows, cols,
//!   then `count * rows * cols` pixels, row-major, 0 = background, 255 = ink;
//! - labels: magic 2049 (`0x00000801`: unsigned bytes, 1 dimension), count, then `count` labels.
//!
//! Every malformed file is an [`Error::BadData`] that says what was expected and what was found.

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::io::Read;

/// Magic number of an IDX file of unsigned-byte images (3 dimensions: count, rows, cols).
pub const IMAGES_MAGIC: u32 = 2051;
/// Magic number of an IDX file of unsigned-byte labels (1 dimension: count).
pub const LABELS_MAGIC: u32 = 2049;
/// Largest decompressed file accepted (the 60,000 training images take 47 MB), so a corrupt
/// or hostile gzip stream cannot exhaust memory.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Images read from an IDX file: `count` images of `rows x cols` bytes, one after the other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdxImages {
    /// Number of images.
    pub count: usize,
    /// Pixel rows per image.
    pub rows: usize,
    /// Pixel columns per image.
    pub cols: usize,
    /// `count * rows * cols` pixels, image after image, each row-major (0 = background, 255 = ink).
    pub pixels: Vec<u8>,
}

fn bad<T>(m: String) -> Result<T> {
    Err(Error::BadData(m))
}

/// The bytes of a file, decompressed if they are gzip (they start with `1f 8b`), as they are otherwise.
pub fn decompress(bytes: &[u8]) -> Result<Cow<'_, [u8]>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut out = Vec::new();
    let mut reader = flate2::read::GzDecoder::new(bytes).take(MAX_BYTES + 1);
    if let Err(e) = reader.read_to_end(&mut out) {
        return bad(format!(
            "the file starts like gzip (1f 8b) but cannot be decompressed ({e}): it is truncated or corrupt; \
             download it again or give the uncompressed file"
        ));
    }
    if out.len() as u64 > MAX_BYTES {
        return bad(format!(
            "the file decompresses to more than {} MB, far more than any MNIST file",
            MAX_BYTES >> 20
        ));
    }
    Ok(Cow::Owned(out))
}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

/// Checks the magic number, explaining the usual mix-ups (labels for images, a non-IDX file).
fn check_magic(bytes: &[u8], want: u32, what: &str) -> Result<()> {
    if bytes.len() < 4 {
        return bad(format!(
            "the {what} file is {} bytes long: too short for even the 4-byte magic number",
            bytes.len()
        ));
    }
    let magic = be_u32(bytes, 0);
    if magic == want {
        return Ok(());
    }
    let hint = match magic {
        IMAGES_MAGIC => " (2051 is an images file: were images and labels swapped?)".to_string(),
        LABELS_MAGIC => " (2049 is a labels file: were images and labels swapped?)".to_string(),
        m if m.swap_bytes() == want => " (the bytes are in the wrong order: IDX numbers are big-endian)".to_string(),
        _ => " (this is not an MNIST IDX file of unsigned bytes)".to_string(),
    };
    bad(format!(
        "the {what} file has magic number {magic} (0x{magic:08x}); expected {want} (0x{want:08x}){hint}"
    ))
}

/// Checks that exactly `header + payload` bytes are there.
fn check_length(len: usize, header: usize, payload: u64, what: &str, announced: &str) -> Result<()> {
    let expected = header as u64 + payload;
    if (len as u64) < expected {
        return bad(format!(
            "the {what} file is truncated: its header announces {announced}, which needs {expected} bytes, \
             but the file has {len} ({} missing)",
            expected - len as u64
        ));
    }
    if len as u64 > expected {
        return bad(format!(
            "the {what} file has {} bytes after the {announced} its header announces: it is not a well-formed IDX file",
            len as u64 - expected
        ));
    }
    Ok(())
}

/// Parses an IDX images file (magic 2051), plain or gzipped.
pub fn parse_images(bytes: &[u8]) -> Result<IdxImages> {
    let bytes = decompress(bytes)?;
    check_magic(&bytes, IMAGES_MAGIC, "images")?;
    if bytes.len() < 16 {
        return bad(format!(
            "the images file is truncated: its header needs 16 bytes (magic, count, rows, cols); the file has {}",
            bytes.len()
        ));
    }
    let (count, rows, cols) = (be_u32(&bytes, 4), be_u32(&bytes, 8), be_u32(&bytes, 12));
    if rows == 0 || cols == 0 {
        return bad(format!(
            "the images file says each image is {rows} x {cols} pixels; both must be at least 1"
        ));
    }
    let payload = count as u64 * rows as u64 * cols as u64;
    let announced = format!("{count} images of {rows} x {cols} pixels");
    check_length(bytes.len(), 16, payload, "images", &announced)?;
    Ok(IdxImages {
        count: count as usize,
        rows: rows as usize,
        cols: cols as usize,
        pixels: bytes[16..].to_vec(),
    })
}

/// Parses an IDX labels file (magic 2049), plain or gzipped.
pub fn parse_labels(bytes: &[u8]) -> Result<Vec<u8>> {
    let bytes = decompress(bytes)?;
    check_magic(&bytes, LABELS_MAGIC, "labels")?;
    if bytes.len() < 8 {
        return bad(format!(
            "the labels file is truncated: its header needs 8 bytes (magic, count); the file has {}",
            bytes.len()
        ));
    }
    let count = be_u32(&bytes, 4);
    check_length(bytes.len(), 8, count as u64, "labels", &format!("{count} labels"))?;
    Ok(bytes[8..].to_vec())
}

/// Writes images as an uncompressed IDX file (magic 2051): the inverse of [`parse_images`].
pub fn write_images(images: &IdxImages) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + images.pixels.len());
    for v in [
        IMAGES_MAGIC,
        images.count as u32,
        images.rows as u32,
        images.cols as u32,
    ] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out.extend_from_slice(&images.pixels);
    out
}

/// Writes labels as an uncompressed IDX file (magic 2049): the inverse of [`parse_labels`].
pub fn write_labels(labels: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + labels.len());
    out.extend_from_slice(&LABELS_MAGIC.to_be_bytes());
    out.extend_from_slice(&(labels.len() as u32).to_be_bytes());
    out.extend_from_slice(labels);
    out
}
