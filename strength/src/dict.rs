//! The data file written by gen_dict.py: ranked word lists and keyboard graphs.

use crate::hash::FxMap;

/// Where a dictionary word comes from; drives both guesses and feedback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Passwords,
    Common,
    Wikipedia,
    Sequences,
    Names,
    UserInputs,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "passwords" => Kind::Passwords,
            "common" => Kind::Common,
            "wikipedia" => Kind::Wikipedia,
            "sequences" => Kind::Sequences,
            "names" => Kind::Names,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub kind: Kind,
    pub rank: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphName {
    Azerty,
    Qwerty,
    Keypad,
}

/// A keyboard adjacency graph: for each character, its neighbour keys by
/// direction slot, each key written as "unshifted shifted…" characters.
pub struct Graph {
    pub name: GraphName,
    pub adjacency: FxMap<char, Vec<(u8, Box<str>)>>,
    /// Characters typed with Shift (second position of their key).
    pub shifted: FxMap<char, ()>,
    /// zxcvbn's starting positions and average degree, log10 not needed: small.
    pub keys: f64,
    pub avg_degree: f64,
}

#[derive(Debug, PartialEq, Eq)]
pub struct DataError(pub String);

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "strength data: {}", self.0)
    }
}

#[derive(Default)]
pub struct Data {
    words: FxMap<Box<str>, Hit>,
    /// Longest word in bytes (folded ASCII): bounds the substring loop.
    pub max_word_len: usize,
    pub graphs: Vec<Graph>,
}

enum Section {
    None,
    Ranked(Kind, u32),
    Uniform(Kind, Vec<Box<str>>),
    Graph(Graph),
}

impl Data {
    pub fn parse(text: &str) -> Result<Data, DataError> {
        let mut lines = text.lines();
        if lines.next() != Some("autan-strength 1") {
            return Err(DataError("not an autan-strength v1 file".into()));
        }
        let mut data = Data::default();
        let mut section = Section::None;
        for line in lines {
            if let Some(head) = line.strip_prefix("@dict ").or(line.strip_prefix("@graph ")) {
                data.close(std::mem::replace(&mut section, Section::None));
                let mut parts = head.split(' ');
                let (a, b) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                section = if line.starts_with("@dict ") {
                    let kind =
                        Kind::parse(a).ok_or_else(|| DataError(format!("unknown list {a}")))?;
                    match b {
                        "ranked" => Section::Ranked(kind, 0),
                        "uniform" => Section::Uniform(kind, Vec::new()),
                        _ => return Err(DataError(format!("bad list mode {b}"))),
                    }
                } else {
                    let name = match a {
                        "azerty" => GraphName::Azerty,
                        "qwerty" => GraphName::Qwerty,
                        "keypad" => GraphName::Keypad,
                        _ => return Err(DataError(format!("unknown graph {a}"))),
                    };
                    Section::Graph(Graph {
                        name,
                        adjacency: FxMap::default(),
                        shifted: FxMap::default(),
                        keys: 0.0,
                        avg_degree: 0.0,
                    })
                };
                continue;
            }
            match &mut section {
                Section::None => return Err(DataError("data before the first section".into())),
                Section::Ranked(kind, rank) => {
                    // Empty lines are placeholders that keep later ranks exact.
                    *rank += 1;
                    if !line.is_empty() {
                        data.insert(
                            line,
                            Hit {
                                kind: *kind,
                                rank: *rank,
                            },
                        );
                    }
                }
                Section::Uniform(_, words) => {
                    if !line.is_empty() {
                        words.push(line.into());
                    }
                }
                Section::Graph(g) => {
                    let mut cells = line.split('\t');
                    let Some(key) = cells.next().and_then(|k| k.chars().next()) else {
                        continue;
                    };
                    let mut list = Vec::new();
                    for cell in cells {
                        let mut cs = cell.chars();
                        let Some(slot) = cs.next().and_then(|d| d.to_digit(10)) else {
                            continue;
                        };
                        let token: Box<str> = cs.as_str().into();
                        list.push((slot as u8, token));
                    }
                    g.adjacency.insert(key, list);
                }
            }
        }
        data.close(section);
        Ok(data)
    }

    fn insert(&mut self, word: &str, hit: Hit) {
        self.max_word_len = self.max_word_len.max(word.len());
        let better = self.words.get(word).is_none_or(|h| h.rank > hit.rank);
        if better {
            self.words.insert(word.into(), hit);
        }
    }

    fn close(&mut self, section: Section) {
        match section {
            Section::Uniform(kind, words) => {
                // An unordered list: the expected cost of finding one word in it
                // is half its length, the same for every word.
                let rank = (words.len() as u32).div_ceil(2).max(1);
                for w in words {
                    self.insert(&w, Hit { kind, rank });
                }
            }
            Section::Graph(mut g) => {
                let mut degree = 0usize;
                for (key, list) in &g.adjacency {
                    let mut slots: Vec<u8> = list.iter().map(|(s, _)| *s).collect();
                    slots.sort_unstable();
                    slots.dedup();
                    degree += slots.len();
                    for (_, token) in list {
                        let mut it = token.chars();
                        let _unshifted = it.next();
                        for c in it {
                            g.shifted.insert(c, ());
                        }
                    }
                    let _ = key;
                }
                // A character that is also the unshifted sign of some key
                // (e.g. '"' on AZERTY) is not counted as shifted.
                let unshifted: Vec<char> = g
                    .adjacency
                    .values()
                    .flat_map(|l| l.iter().filter_map(|(_, t)| t.chars().next()))
                    .collect();
                for c in unshifted {
                    g.shifted.remove(&c);
                }
                g.keys = g.adjacency.len() as f64;
                g.avg_degree = if g.adjacency.is_empty() {
                    0.0
                } else {
                    degree as f64 / g.keys
                };
                self.graphs.push(g);
            }
            Section::Ranked(..) | Section::None => {}
        }
    }

    pub fn lookup(&self, folded: &str) -> Option<Hit> {
        self.words.get(folded).copied()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections() {
        let d = Data::parse(
            "autan-strength 1\n@dict passwords ranked\nabc\n\nxyz\n@dict names uniform\nzoe\nabc\nluc\n@graph keypad 8\n1\t24\t35\n",
        )
        .expect("parse");
        assert_eq!(
            d.lookup("xyz"),
            Some(Hit {
                kind: Kind::Passwords,
                rank: 3
            })
        );
        assert_eq!(
            d.lookup("abc"),
            Some(Hit {
                kind: Kind::Passwords,
                rank: 1
            })
        );
        assert_eq!(
            d.lookup("luc"),
            Some(Hit {
                kind: Kind::Names,
                rank: 2
            })
        );
        assert_eq!(d.graphs.len(), 1);
        assert!(Data::parse("nope").is_err());
    }
}
