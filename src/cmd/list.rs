//! `tend list`: entries newest first, with a short handle to type; with
//! `--grep` or `--section`, the answers that match, highlighted.

use std::fmt::Write;

use anyhow::Result;
use console::style;
use serde_json::json;

use crate::app::{App, Problems};
use crate::cli::{ListArgs, ListFormat};
use crate::journal::facts::{Facts, shorten};
use crate::journal::index::Depth;
use crate::output::{self, Shown, shown};
use crate::time;

/// An answer that matched a search.
struct Hit {
    section: String,
    question: String,
    text: String,
}

/// Case-insensitive search that returns byte ranges in the original text,
/// so highlighting never cuts a character in two.
fn find_all(text: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    let lower_needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        let mut k = 0;
        while k < lower_needle.len() && j < chars.len() {
            let lc: Vec<char> = chars[j].1.to_lowercase().collect();
            if lower_needle.get(k..k + lc.len()) != Some(&lc[..]) {
                break;
            }
            k += lc.len();
            j += 1;
        }
        if k == lower_needle.len() {
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            out.push((chars[i].0, end));
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn highlight(text: &str, needle: Option<&str>) -> String {
    let Some(n) = needle else {
        return text.to_string();
    };
    let mut o = String::new();
    let mut at = 0;
    for (s, e) in find_all(text, n) {
        o.push_str(&text[at..s]);
        o.push_str(&style(&text[s..e]).bold().underlined().to_string());
        at = e;
    }
    o.push_str(&text[at..]);
    o
}

pub fn run(app: &App, args: ListArgs) -> Result<()> {
    let index = app.index(Depth::Quick, Problems::Warn)?;
    let today = app.today();
    let since = args
        .since
        .as_deref()
        .map(|s| time::parse_days(s, today))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|s| time::parse_days(s, today))
        .transpose()?;
    let searching = args.grep.is_some() || args.section.is_some();
    let matches = |f: &Facts| -> Option<Vec<Hit>> {
        if !searching {
            return Some(Vec::new());
        }
        // Searching reads the entry itself: answers are not in the index.
        let e = app.journal.read_entry(f).ok()?;
        let hits: Vec<Hit> = e
            .answers
            .iter()
            .filter(|a| {
                args.section.as_ref().is_none_or(|s| {
                    a.section.eq_ignore_ascii_case(s)
                        || a.measures.as_str().ends_with(&format!(":{s}"))
                })
            })
            .filter_map(|a| {
                let text = a.display()?;
                let ok = args
                    .grep
                    .as_ref()
                    .is_none_or(|g| !find_all(&text, g).is_empty());
                ok.then(|| Hit {
                    section: a.section.clone(),
                    question: a.question.clone(),
                    text,
                })
            })
            .collect();
        let title_hit = args
            .grep
            .as_ref()
            .is_some_and(|g| e.title.as_ref().is_some_and(|t| !find_all(t, g).is_empty()));
        (!hits.is_empty() || title_hit && args.section.is_none()).then_some(hits)
    };
    let keep = |f: &Facts| {
        let day = time::journal_day(&f.created, app.config.day_starts);
        args.kind.is_none_or(|k| f.kind == Some(k))
            && args
                .tag
                .as_ref()
                .is_none_or(|t| f.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
            && since.is_none_or(|s| day >= s.first)
            && until.is_none_or(|u| day <= u.last)
            && (!searching || matches(f).is_some())
    };
    // One more than asked, to know whether to say there are more.
    let want = if args.limit == 0 { 0 } else { args.limit + 1 };
    let mut found = index.newest(want, keep);
    let more = args.limit > 0 && found.len() > args.limit;
    found.truncate(if args.limit == 0 {
        found.len()
    } else {
        args.limit
    });

    if args.format == ListFormat::Json {
        let items: Vec<_> = found
            .iter()
            .map(|f| {
                let hits = matches(f).unwrap_or_default();
                json!({
                    "id": f.id,
                    "handle": f.handle(),
                    "created": f.created.to_rfc3339(),
                    "kind": f.kind,
                    "tags": f.tags,
                    "gist": f.gist,
                    "path": app.journal.entry_path(&f.path),
                    "matches": hits.iter().map(|h| json!({"section": h.section, "question": h.question, "text": h.text})).collect::<Vec<_>>(),
                })
            })
            .collect();
        outln!("{}", output::json(&items)?);
        return Ok(());
    }
    if found.is_empty() {
        if index.state.entries == 0 {
            outln!("No entries yet. `tend checkin` starts your first one.");
        } else {
            outln!("No entries match. `tend list` with no options shows the most recent.");
        }
        return Ok(());
    }
    let width = output::width();
    let mut o = String::new();
    // Two files claiming one id are told apart by path, which `show` and
    // `delete` accept; a handle would name both.
    let mut claims: std::collections::HashMap<&str, usize> = Default::default();
    for f in &found {
        *claims.entry(f.id.as_str()).or_default() += 1;
    }
    let name = |f: &Facts| {
        if claims.get(f.id.as_str()).is_some_and(|n| *n > 1) {
            app.journal
                .entries_dir()
                .join(&f.path)
                .display()
                .to_string()
        } else {
            f.handle().to_string()
        }
    };
    if !searching {
        // One line per entry (easy to scan and to grep): the gist gets
        // what room is left.
        let mut table = output::Table::unlabelled(&["handle", "when", "kind", "gist", "tags"])
            .shorten_column(3);
        // A follow-up's file holds only its action's id; its words say
        // which action it was about.
        // Actions set in the rows shown are at hand; only the others are
        // looked up.
        let mut actions: std::collections::BTreeMap<String, String> = found
            .iter()
            .flat_map(|f| &f.actions)
            .map(|a| (a.id.clone(), a.text.clone()))
            .collect();
        let others = index.action_texts(
            found
                .iter()
                .filter_map(|f| f.follow.as_ref().map(|w| w.action.as_str()))
                .filter(|a| !actions.contains_key(*a)),
        );
        actions.extend(others);
        for f in &found {
            let gist = match f.follow.as_ref().and_then(|w| actions.get(&w.action)) {
                Some(action) => format!("“{}” · {}", shorten(action, 40), f.gist),
                None => f.gist.clone(),
            };
            table.row(vec![
                name(f),
                super::when(&f.created),
                f.kind_label().to_string(),
                shown(&gist).into_owned(),
                f.tags
                    .iter()
                    .map(|t| format!("#{}", Shown(t)))
                    .collect::<Vec<_>>()
                    .join(" "),
            ]);
        }
        o += &table.render(width);
    } else {
        for f in &found {
            let _ = writeln!(
                o,
                "{}  {}  {}",
                style(name(f)).bold(),
                super::when(&f.created),
                f.kind_label()
            );
            for h in matches(f).unwrap_or_default() {
                let hit = format!(
                    "{}: {}",
                    style(&h.section).dim(),
                    highlight(&shown(&shorten(&h.text, 200)), args.grep.as_deref())
                );
                o += &output::wrap(&hit, "  ", "    ", width);
            }
        }
    }
    if more {
        let more = format!("The {} most recent shown; -n 0 shows them all", found.len());
        for line in output::wrap(&more, "", "", width).lines() {
            let _ = writeln!(o, "{}", style(line).dim());
        }
    }
    output::page(&o)?;
    Ok(())
}
