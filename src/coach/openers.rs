//! Conversation openers: for each thing tend noticed, one open question a
//! coach might begin with. Every rule and all its wording are here, in one
//! place. An opener is curious and specific, and never advice, a diagnosis
//! or a judgement: it says what the leader's own numbers show, then asks.
//! It never begins with "Why", never says "you haven't", and never speaks of
//! how often someone checks in. The leader's `tend export --preview` lists
//! the openers their file will produce, so nothing is said about a leader
//! that the leader has not seen.

use chrono::{Duration, NaiveDate};

use super::{Flag, Leader};
use crate::model::{Behaviour, Need};

/// The question for a quiet behaviour, about the behaviour itself.
fn behaviour_question(b: Behaviour) -> &'static str {
    match b {
        Behaviour::Attend => {
            "What has it been like, lately, to be fully present with the people around you?"
        }
        Behaviour::Understand => {
            "When a difficulty came up lately, how did you and the person facing it work out what lay behind it?"
        }
        Behaviour::Empathise => {
            "What has it been like, lately, to tune in to what others are carrying?"
        }
        Behaviour::Help => {
            "What has making things a little easier for someone looked like for you lately?"
        }
    }
}

/// The question for a core need that fell, about the need itself.
fn need_question(n: Need) -> &'static str {
    match n {
        Need::Autonomy => "What has changed in how much say you have over your work?",
        Need::Belonging => "What has changed in how connected and valued you feel at work?",
        Need::Contribution => "What has changed in how able you feel to do the work you value?",
    }
}

fn cap(s: &str) -> String {
    crate::summary::render::cap(s)
}

/// The opener for one flag, for an export whose last day is `until`.
pub fn opener(flag: &Flag, until: NaiveDate) -> String {
    match flag {
        Flag::Motivation { before, recent } => {
            let since = (until - Duration::days(13)).format("%-d %b");
            let question = if recent < before {
                format!("What has been different for you since {since}?")
            } else {
                format!("What has been going well for you since {since}?")
            };
            format!(
                "Motivation moved from {before:.1} to {recent:.1} over the last fortnight. {question}"
            )
        }
        Flag::Quiet { behaviour, last } => {
            let when = match last {
                Some(d) => format!("since {}", d.format("%-d %b")),
                None => "lately".into(),
            };
            format!(
                "{} has not come up in your reflections {when}. {}",
                cap(behaviour.as_str()),
                behaviour_question(*behaviour)
            )
        }
        Flag::Falling { need, from, to } => format!(
            "{} went from {from} to {to} over the last month. {}",
            cap(need.as_str()),
            need_question(*need)
        ),
        Flag::PastTheirDay { count: 1 } => {
            "One action has passed the day you set for it. What would you like to do with it now?"
                .into()
        }
        Flag::PastTheirDay { count } => format!(
            "{count} actions have passed the day you set for them. Which of them still matter to you now?"
        ),
    }
}

/// Every opener for a leader, in the order tend noticed things.
pub fn openers(l: &Leader) -> Vec<String> {
    l.flags.iter().map(|f| opener(f, l.until)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const UNTIL: &str = "2026-11-26";

    /// One flag of every kind and shape.
    fn every_flag() -> Vec<Flag> {
        let mut all = vec![
            Flag::Motivation {
                before: 6.7,
                recent: 4.1,
            },
            Flag::Motivation {
                before: 4.1,
                recent: 6.7,
            },
            Flag::PastTheirDay { count: 1 },
            Flag::PastTheirDay { count: 3 },
        ];
        for b in Behaviour::ALL {
            all.push(Flag::Quiet {
                behaviour: b,
                last: Some(day("2026-10-30")),
            });
            all.push(Flag::Quiet {
                behaviour: b,
                last: None,
            });
        }
        for n in Need::ALL {
            all.push(Flag::Falling {
                need: n,
                from: 4.0,
                to: 2.0,
            });
        }
        all
    }

    #[test]
    fn motivation_falling_asks_what_has_been_different_since_the_fortnight_began() {
        let f = Flag::Motivation {
            before: 6.7,
            recent: 4.1,
        };
        assert_eq!(
            opener(&f, day(UNTIL)),
            "Motivation moved from 6.7 to 4.1 over the last fortnight. What has been different for you since 13 Nov?"
        );
    }

    #[test]
    fn motivation_rising_asks_what_has_been_going_well() {
        let f = Flag::Motivation {
            before: 4.0,
            recent: 6.0,
        };
        assert_eq!(
            opener(&f, day(UNTIL)),
            "Motivation moved from 4.0 to 6.0 over the last fortnight. What has been going well for you since 13 Nov?"
        );
    }

    #[test]
    fn a_quiet_behaviour_says_since_when_and_asks_about_the_behaviour() {
        let f = Flag::Quiet {
            behaviour: Behaviour::Empathise,
            last: Some(day("2026-10-30")),
        };
        assert_eq!(
            opener(&f, day(UNTIL)),
            "Empathise has not come up in your reflections since 30 Oct. What has it been like, lately, to tune in to what others are carrying?"
        );
        let never = Flag::Quiet {
            behaviour: Behaviour::Help,
            last: None,
        };
        assert!(
            opener(&never, day(UNTIL))
                .starts_with("Help has not come up in your reflections lately. "),
        );
    }

    #[test]
    fn a_falling_need_gives_the_numbers_and_asks_about_the_need() {
        let f = Flag::Falling {
            need: Need::Belonging,
            from: 4.0,
            to: 2.0,
        };
        assert_eq!(
            opener(&f, day(UNTIL)),
            "Belonging went from 4 to 2 over the last month. What has changed in how connected and valued you feel at work?"
        );
    }

    #[test]
    fn actions_past_their_day_ask_what_still_matters() {
        assert_eq!(
            opener(&Flag::PastTheirDay { count: 2 }, day(UNTIL)),
            "2 actions have passed the day you set for them. Which of them still matter to you now?"
        );
        assert_eq!(
            opener(&Flag::PastTheirDay { count: 1 }, day(UNTIL)),
            "One action has passed the day you set for it. What would you like to do with it now?"
        );
    }

    #[test]
    fn no_opener_begins_with_why_blames_or_speaks_of_checking_in() {
        for f in every_flag() {
            let o = opener(&f, day(UNTIL));
            let lower = o.to_lowercase();
            assert!(!lower.starts_with("why"), "{o}");
            assert!(!lower.contains(". why"), "{o}");
            assert!(!lower.contains("you haven't"), "{o}");
            assert!(!lower.contains("you have not"), "{o}");
            for often in [
                "check-in",
                "check in",
                "checked in",
                "checking in",
                "how often",
            ] {
                assert!(!lower.contains(often), "{o}");
            }
            // Advice and verdicts are not questions: each opener ends by asking.
            assert!(o.ends_with('?'), "{o}");
            assert_eq!(o.matches('?').count(), 1, "{o}");
            for verdict in [
                "should",
                "must",
                "need to",
                "burnout",
                "struggling",
                "failing",
            ] {
                assert!(!lower.contains(verdict), "{o}");
            }
        }
    }
}
