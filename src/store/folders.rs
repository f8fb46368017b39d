//! The folder tree as shown: special folders by role first, in the académie's
//! usual order, then the user's folders by name, children under their parent.

use crate::jmap::mail::Mailbox;
use std::collections::{BTreeMap, HashSet};

/// Roles in display order.
pub const ROLE_ORDER: &[&str] = &["inbox", "drafts", "sent", "archive", "junk", "trash"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderRow {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub depth: usize,
    pub unread: u64,
    pub total: u64,
}

/// Sort key for French names: accents do not count (« À traiter » sorts
/// with the a's), case neither.
pub fn collation_key(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ÿ' => 'y',
            'œ' => 'o',
            'æ' => 'a',
            c => c,
        })
        .collect()
}

fn rank(m: &Mailbox) -> (usize, u32, String) {
    let role_rank = m
        .role
        .as_deref()
        .and_then(|r| ROLE_ORDER.iter().position(|x| *x == r))
        .unwrap_or(ROLE_ORDER.len());
    (role_rank, m.sort_order, collation_key(&m.name))
}

/// Flattens mailboxes into rows in tree order. Orphans (parent missing) are
/// shown at the top level; cycles are broken so that every mailbox appears once.
pub fn rows(mailboxes: &[Mailbox]) -> Vec<FolderRow> {
    let ids: HashSet<&str> = mailboxes.iter().map(|m| m.id.as_str()).collect();
    let mut children: BTreeMap<Option<&str>, Vec<&Mailbox>> = BTreeMap::new();
    for m in mailboxes {
        let parent = m
            .parent_id
            .as_deref()
            .filter(|p| ids.contains(p) && *p != m.id);
        children.entry(parent).or_default().push(m);
    }
    for list in children.values_mut() {
        list.sort_by_key(|m| rank(m));
    }
    let mut out = Vec::with_capacity(mailboxes.len());
    let mut seen = HashSet::new();
    let mut stack: Vec<(&Mailbox, usize)> = children
        .get(&None)
        .map(|l| l.iter().rev().map(|m| (*m, 0)).collect())
        .unwrap_or_default();
    loop {
        while let Some((m, depth)) = stack.pop() {
            if !seen.insert(m.id.as_str()) {
                continue;
            }
            out.push(FolderRow {
                id: m.id.clone(),
                name: m.name.clone(),
                role: m.role.clone(),
                depth,
                unread: m.unread_emails,
                total: m.total_emails,
            });
            if let Some(kids) = children.get(&Some(m.id.as_str())) {
                stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
            }
        }
        // Anything not reached sits in a parent cycle: show it at the top level.
        match mailboxes.iter().find(|m| !seen.contains(m.id.as_str())) {
            Some(m) => stack.push((m, 0)),
            None => break,
        }
    }
    out
}

pub fn inbox(mailboxes: &[Mailbox]) -> Option<&Mailbox> {
    mailboxes
        .iter()
        .find(|m| m.role.as_deref() == Some("inbox"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mb(id: &str, name: &str, parent: Option<&str>, role: Option<&str>) -> Mailbox {
        Mailbox {
            id: id.into(),
            name: name.into(),
            parent_id: parent.map(Into::into),
            role: role.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn roles_first_then_names_then_children() {
        let boxes = vec![
            mb("t", "Corbeille", None, Some("trash")),
            mb("z", "Actus internes", None, None),
            mb("c", "Conseils", Some("z"), None),
            mb("a", "À traiter", None, None),
            mb("i", "INBOX", None, Some("inbox")),
            mb("s", "Envoyés", None, Some("sent")),
            mb("d", "Brouillons", None, Some("drafts")),
        ];
        let got: Vec<(String, usize)> = rows(&boxes).into_iter().map(|r| (r.id, r.depth)).collect();
        let want: Vec<(String, usize)> = [
            ("i", 0),
            ("d", 0),
            ("s", 0),
            ("t", 0),
            ("a", 0),
            ("z", 0),
            ("c", 1),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), *b))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn french_collation_ignores_accents_and_case() {
        let mut names = vec!["Élèves", "actus", "À traiter", "Zèbre", "école"];
        names.sort_by_key(|n| collation_key(n));
        assert_eq!(
            names,
            vec!["À traiter", "actus", "école", "Élèves", "Zèbre"]
        );
    }

    #[test]
    fn orphans_and_cycles_still_show_once() {
        let boxes = vec![
            mb("x", "X", Some("gone"), None),
            mb("p", "P", Some("q"), None),
            mb("q", "Q", Some("p"), None),
            mb("self", "S", Some("self"), None),
        ];
        let r = rows(&boxes);
        assert_eq!(r.len(), 4);
        let mut ids: Vec<_> = r.iter().map(|r| r.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, vec!["p", "q", "self", "x"]);
    }
}
