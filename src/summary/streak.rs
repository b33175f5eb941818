//! Streaks, for those who switch them on.

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate};

use super::report::Streak;
use super::{By, Settings, period::period_start};

/// Streaks, counted kindly: in weeks that met the target when one is set,
/// otherwise in days where rest days never break a run. Today (or this
/// week) not done yet does not break one either.
pub fn streak(days: &BTreeSet<NaiveDate>, s: &Settings, today: NaiveDate) -> Streak {
    if let Some(target) = s.weekly_target {
        let Some(first) = days.iter().next().copied() else {
            return Streak {
                unit: "weeks",
                current: 0,
                longest: 0,
            };
        };
        let mut week = period_start(first, By::Week);
        let this_week = period_start(today, By::Week);
        let (mut run, mut longest, mut current) = (0, 0, 0);
        while week <= this_week {
            let n = days.range(week..week + Duration::days(7)).count();
            if n >= target as usize {
                run += 1;
            } else if week != this_week {
                run = 0;
            }
            longest = longest.max(run);
            current = run;
            week += Duration::days(7);
        }
        return Streak {
            unit: "weeks",
            current,
            longest,
        };
    }
    let (mut run, mut longest) = (0usize, 0usize);
    let mut current = 0;
    if let Some(first) = days.iter().next().copied() {
        let mut d = first;
        while d <= today {
            if days.contains(&d) {
                run += 1;
            } else if !s.rest_days.contains(&d.weekday()) && d != today {
                run = 0;
            }
            longest = longest.max(run);
            current = run;
            d += Duration::days(1);
        }
    }
    Streak {
        unit: "days",
        current,
        longest,
    }
}
