//! A feed of postings as bytes: a JSON array of postings, or JSON lines (one posting per
//! line; blank lines are skipped). The first character that is not white space decides: `[`
//! is an array (read whole), anything else is lines (read one at a time, so a file of any
//! size streams). Each item keeps its place: its index in the array or its line number.

use std::io::BufRead;

use serde_json::Value;

use super::posting::PostingError;

/// The largest line of a JSON-lines feed: a longer one is refused on its own, the others go on.
pub const MAX_ITEM_BYTES: usize = 256 * 1024;

/// Where an item is in its feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// 0-based index in a JSON array.
    Index(u64),
    /// 1-based line of a JSON-lines feed.
    Line(u64),
}

impl Position {
    /// The item's index in its feed (0-based), whatever the shape.
    pub fn index(self, nth: u64) -> u64 {
        match self {
            Position::Index(i) => i,
            Position::Line(_) => nth,
        }
    }
}

/// One item of a feed: its JSON, or why it could not be read.
#[derive(Debug)]
pub struct Item {
    pub position: Position,
    pub value: Result<Value, PostingError>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the feed is empty")]
    Empty,
    #[error("the feed starts with [ but is not a JSON array: {0}")]
    NotAnArray(String),
    #[error("the feed could not be read: {0}")]
    Io(#[from] std::io::Error),
}

/// The items of a feed, in order.
pub enum Items<R> {
    Array(std::iter::Enumerate<std::vec::IntoIter<Value>>),
    Lines { reader: R, line: u64 },
}

/// Opens a feed: an array is parsed now (an error is [`ReadError::NotAnArray`]), lines as
/// they are read.
pub fn open<R: BufRead>(mut reader: R) -> Result<Items<R>, ReadError> {
    // Skip white space and a byte order mark to see the first character, keeping the count
    // of the lines passed for the line numbers.
    let mut passed = 0u64;
    let newlines = |bytes: &[u8]| bytes.iter().filter(|&&b| b == b'\n').count() as u64;
    let first = loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Err(ReadError::Empty);
        }
        let blank = |b: &u8| b.is_ascii_whitespace() || matches!(b, 0xEF | 0xBB | 0xBF);
        match buffer.iter().position(|b| !blank(b)) {
            Some(at) => {
                let first = buffer[at];
                let line_start = buffer[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1);
                passed += newlines(&buffer[..line_start]);
                reader.consume(line_start);
                break first;
            }
            None => {
                passed += newlines(buffer);
                let n = buffer.len();
                reader.consume(n);
            }
        }
    };
    if first == b'[' {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        let start = bytes.iter().position(|&b| b == b'[').unwrap_or(0);
        let values: Vec<Value> = serde_json::from_slice(&bytes[start..])
            .map_err(|e| ReadError::NotAnArray(e.to_string()))?;
        return Ok(Items::Array(values.into_iter().enumerate()));
    }
    Ok(Items::Lines {
        reader,
        line: passed,
    })
}

impl<R: BufRead> Iterator for Items<R> {
    type Item = Result<Item, std::io::Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Items::Array(values) => values.next().map(|(i, value)| {
                Ok(Item {
                    position: Position::Index(i as u64),
                    value: Ok(value),
                })
            }),
            Items::Lines { reader, line } => loop {
                *line += 1;
                let mut bytes = Vec::new();
                let mut limited =
                    <&mut R as std::io::Read>::take(&mut *reader, MAX_ITEM_BYTES as u64 + 1);
                let read = limited.read_until(b'\n', &mut bytes);
                match read {
                    Err(e) => return Some(Err(e)),
                    Ok(0) => return None,
                    Ok(_) => {}
                }
                let position = Position::Line(*line);
                if bytes.len() > MAX_ITEM_BYTES && bytes.last() != Some(&b'\n') {
                    if let Err(e) = skip_line(reader) {
                        return Some(Err(e));
                    }
                    return Some(Ok(Item {
                        position,
                        value: Err(PostingError::ItemTooLarge(MAX_ITEM_BYTES)),
                    }));
                }
                let Ok(text) = std::str::from_utf8(&bytes) else {
                    return Some(Ok(Item {
                        position,
                        value: Err(PostingError::NotUtf8),
                    }));
                };
                let text = text.trim_start_matches('\u{feff}').trim();
                if text.is_empty() {
                    continue;
                }
                let value = serde_json::from_str::<Value>(text)
                    .map_err(|e| PostingError::NotJson(e.to_string()));
                return Some(Ok(Item { position, value }));
            },
        }
    }
}

/// Reads on to the end of the line.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let n = buffer.len();
                reader.consume(n);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &[u8]) -> Vec<(Position, Result<Value, &'static str>)> {
        open(text)
            .unwrap()
            .map(|item| {
                let item = item.unwrap();
                (item.position, item.value.map_err(|e| e.code()))
            })
            .collect()
    }

    #[test]
    fn an_array_gives_its_items_by_index() {
        let items = read(b"\xEF\xBB\xBF  [{\"a\": 1}, 2]\n");
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].0, Position::Index(1));
        assert_eq!(items[1].1, Ok(serde_json::json!(2)));
    }

    #[test]
    fn lines_give_their_items_by_line_number() {
        let items = read(b"{\"a\": 1}\n\n  \nnot json\n{\"b\": 2}");
        let positions: Vec<_> = items.iter().map(|i| i.0).collect();
        assert_eq!(
            positions,
            [Position::Line(1), Position::Line(4), Position::Line(5)]
        );
        assert_eq!(items[1].1, Err("not_json"));
        let items = read(b"\n\n{\"a\": 1}\n");
        assert_eq!(items[0].0, Position::Line(3));
    }

    #[test]
    fn an_oversized_or_binary_line_is_refused_alone() {
        let mut feed = b"{\"a\": 1}\n".to_vec();
        feed.extend(std::iter::repeat_n(b'x', MAX_ITEM_BYTES + 10));
        feed.extend(b"\n\xff\xfe\n{\"b\": 2}\n");
        let items = read(&feed);
        let codes: Vec<_> = items.iter().map(|i| i.1.as_ref().err().copied()).collect();
        assert_eq!(
            codes,
            [None, Some("item_too_large"), Some("not_utf8"), None]
        );
        assert_eq!(items[3].0, Position::Line(4));
    }

    #[test]
    fn empty_and_broken_arrays_are_errors_of_the_feed() {
        assert!(matches!(open(&b"  \n "[..]), Err(ReadError::Empty)));
        assert!(matches!(
            open(&b"[{\"a\": 1},"[..]),
            Err(ReadError::NotAnArray(_))
        ));
    }
}
