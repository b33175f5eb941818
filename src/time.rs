//! Time as tend sees it: the clock (with a test seam), journal days that start
//! at a configurable hour, and the one parser for every date people type.

use anyhow::{Result, bail};
use chrono::{
    DateTime, Datelike, Duration, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, Weekday,
};

/// Now, with the local UTC offset. `TEND_TEST_NOW` (RFC 3339) fixes it, so
/// tests can pin days, offsets and id clashes.
pub fn now() -> Result<DateTime<FixedOffset>> {
    match std::env::var("TEND_TEST_NOW") {
        Ok(s) => DateTime::parse_from_rfc3339(&s)
            .map_err(|e| anyhow::anyhow!("TEND_TEST_NOW is not an RFC 3339 time ({e}): {s}")),
        Err(_) => Ok(Local::now().fixed_offset()),
    }
}

/// The journal day an instant belongs to: its local date, moved back one day
/// when it falls before `day_starts`, so a 02:00 check-in on a night shift
/// belongs to the shift's day.
pub fn journal_day(t: &DateTime<FixedOffset>, day_starts: NaiveTime) -> NaiveDate {
    journal_day_of_local(t.naive_local(), day_starts)
}

/// The journal day of a local time (the same rule as [`journal_day`]).
pub fn journal_day_of_local(local: NaiveDateTime, day_starts: NaiveTime) -> NaiveDate {
    if local.time() < day_starts {
        local.date() - Duration::days(1)
    } else {
        local.date()
    }
}

/// `created` for an entry backdated to journal day `day`: at the current local
/// time, with the offset that day has locally. Before `day_starts` (a night
/// shift at 02:00), that time falls on the next calendar date, so the entry
/// still belongs to `day`.
pub fn backdate(
    now: &DateTime<FixedOffset>,
    day: NaiveDate,
    day_starts: NaiveTime,
) -> DateTime<FixedOffset> {
    let date = if now.time() < day_starts {
        day + Duration::days(1)
    } else {
        day
    };
    local(date.and_time(now.time()), now)
}

/// A local date and time as an instant, with the offset the system has on
/// that day (daylight saving); under the test clock, or in a gap when clocks
/// go forward, now's offset.
pub fn local(naive: chrono::NaiveDateTime, now: &DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    if std::env::var_os("TEND_TEST_NOW").is_none()
        && let chrono::LocalResult::Single(t) = naive.and_local_timezone(Local)
    {
        return t.fixed_offset();
    }
    naive
        .and_local_timezone(*now.offset())
        .single()
        .unwrap_or(*now)
}

/// How tend writes an instant for people: "Thu 26 Nov 2026, 13:20".
pub fn when(t: &DateTime<FixedOffset>) -> String {
    t.format("%a %-d %b %Y, %H:%M").to_string()
}

/// How tend writes a journal day for people: "Thu 26 Nov 2026".
pub fn day_name(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// An inclusive span of days, which is what any typed date means: "2026-11"
/// is the whole month, "last week" Monday to Sunday, "2026-11-26" one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Days {
    fn one(d: NaiveDate) -> Days {
        Days { first: d, last: d }
    }
}

/// Reads a date as people type it, relative to `today` (a journal day).
/// Day-first only: "03/04/2026" is 3 April, never 4 March.
pub fn parse_days(input: &str, today: NaiveDate) -> Result<Days> {
    let s = input.trim().to_lowercase();
    let s = s.as_str();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(Days::one(d));
    }
    if let Some(d) = parse_uk(s) {
        return Ok(Days::one(d));
    }
    if let Some((y, m)) = s.split_once('-')
        && y.len() == 4
        && let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>())
        && let Some(first) = NaiveDate::from_ymd_opt(y, m, 1)
    {
        return Ok(month_of(first));
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let days = match words.as_slice() {
        ["today"] => Days::one(today),
        ["yesterday"] => Days::one(today - Duration::days(1)),
        ["tomorrow"] => Days::one(today + Duration::days(1)),
        ["next", "week"] => week_of(today + Duration::days(7)),
        ["next", "month"] => month_of(months_forward(first_of_month(today), 1)),
        ["next", day] if weekday(day).is_some() => {
            // The first such day after today.
            let want = weekday(day).unwrap_or(Weekday::Mon);
            let mut d = today + Duration::days(1);
            while d.weekday() != want {
                d += Duration::days(1);
            }
            Days::one(d)
        }
        ["in", n, unit] => {
            let n: i64 = match n.parse() {
                Ok(n) if (0..=100_000).contains(&n) => n,
                _ => bail!(unknown(input)),
            };
            match unit.trim_end_matches('s') {
                "day" => Days::one(today + Duration::days(n)),
                "week" => Days::one(today + Duration::days(7 * n)),
                "month" => Days::one(months_forward(today, n)),
                _ => bail!(unknown(input)),
            }
        }
        // Due dates: the last day of this week (Sunday; today if it is
        // Sunday) or of this month.
        ["end", "of", "week"] | ["end", "of", "the", "week"] => Days::one(week_of(today).last),
        ["end", "of", "month"] | ["end", "of", "the", "month"] => Days::one(month_of(today).last),
        ["this", "week"] => week_of(today),
        ["last", "week"] => week_of(today - Duration::days(7)),
        ["this", "month"] => month_of(today),
        ["last", "month"] => month_of(first_of_month(today) - Duration::days(1)),
        ["this", "year"] => year_of(today.year()),
        ["last", "year"] => year_of(today.year() - 1),
        [n, unit, "ago"] => {
            let n: i64 = match n.parse() {
                Ok(n) if (0..=100_000).contains(&n) => n,
                _ => bail!(unknown(input)),
            };
            match unit.trim_end_matches('s') {
                "day" => Days::one(today - Duration::days(n)),
                "week" => Days::one(today - Duration::days(7 * n)),
                "month" => Days::one(months_back(today, n)),
                "year" => Days::one(months_back(today, 12 * n)),
                _ => bail!(unknown(input)),
            }
        }
        ["last", day] | [day] if weekday(day).is_some() => {
            // The most recent such day before today.
            let want = weekday(day).unwrap_or(Weekday::Mon);
            let mut d = today - Duration::days(1);
            while d.weekday() != want {
                d -= Duration::days(1);
            }
            Days::one(d)
        }
        _ => bail!(unknown(input)),
    };
    Ok(days)
}

/// Like [`parse_days`], for options that need exactly one day (`--date`).
pub fn parse_day(input: &str, today: NaiveDate) -> Result<NaiveDate> {
    let days = parse_days(input, today)?;
    if days.first != days.last {
        bail!(
            "\"{input}\" covers {} to {}; this needs a single day, such as 2026-11-26 or \"yesterday\"",
            days.first,
            days.last
        );
    }
    Ok(days.first)
}

fn unknown(input: &str) -> String {
    // A date written month first, as some calendars do, gets a gentle nudge.
    let parts: Vec<&str> = input.trim().split('/').collect();
    if let [m, d, y] = parts.as_slice()
        && let (Ok(m), Ok(d)) = (m.parse::<u32>(), d.parse::<u32>())
        && m <= 12
        && d > 12
    {
        return format!(
            "\"{input}\": dates are read day first here; did you mean {d:02}/{m:02}/{y}?"
        );
    }
    format!(
        "could not read \"{input}\" as a date. Try 2026-11-26, 26/11/2026, 2026-11, \
         yesterday, \"last week\", \"this month\" or \"30 days ago\""
    )
}

fn parse_uk(s: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split(['/', '.']).collect();
    if let [d, m, y] = parts.as_slice() {
        let (d, m) = (d.parse().ok()?, m.parse().ok()?);
        let y: i32 = match y.len() {
            4 => y.parse().ok()?,
            2 => 2000 + y.parse::<i32>().ok()?,
            _ => return None,
        };
        return NaiveDate::from_ymd_opt(y, m, d);
    }
    None
}

pub fn is_weekday(s: &str) -> bool {
    weekday(&s.trim().to_lowercase()).is_some()
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn month_of(d: NaiveDate) -> Days {
    let first = first_of_month(d);
    let next = months_forward(first, 1);
    Days {
        first,
        last: next - Duration::days(1),
    }
}

fn week_of(d: NaiveDate) -> Days {
    let first = d - Duration::days(d.weekday().num_days_from_monday() as i64);
    Days {
        first,
        last: first + Duration::days(6),
    }
}

fn year_of(y: i32) -> Days {
    Days {
        first: NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN),
        last: NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(NaiveDate::MAX),
    }
}

fn months_forward(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_months(chrono::Months::new(n as u32))
        .unwrap_or(NaiveDate::MAX)
}

fn months_back(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_sub_months(chrono::Months::new(n.min(u32::MAX as i64) as u32))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reads_the_forms_people_type() {
        let today = d("2026-11-26"); // a Thursday
        let one = |s: &str| parse_days(s, today).unwrap();
        assert_eq!(one("2026-11-20"), Days::one(d("2026-11-20")));
        assert_eq!(one("03/04/2026"), Days::one(d("2026-04-03")));
        assert_eq!(one("26/11/26"), Days::one(d("2026-11-26")));
        assert_eq!(
            one("2026-02"),
            Days {
                first: d("2026-02-01"),
                last: d("2026-02-28")
            }
        );
        assert_eq!(one("yesterday"), Days::one(d("2026-11-25")));
        assert_eq!(
            one("Last Week"),
            Days {
                first: d("2026-11-16"),
                last: d("2026-11-22")
            }
        );
        assert_eq!(
            one("this month"),
            Days {
                first: d("2026-11-01"),
                last: d("2026-11-30")
            }
        );
        assert_eq!(
            one("last month"),
            Days {
                first: d("2026-10-01"),
                last: d("2026-10-31")
            }
        );
        assert_eq!(one("30 days ago"), Days::one(d("2026-10-27")));
        assert_eq!(one("1 week ago"), Days::one(d("2026-11-19")));
        assert_eq!(one("monday"), Days::one(d("2026-11-23")));
        assert_eq!(one("thursday"), Days::one(d("2026-11-19")));
        assert_eq!(one("tomorrow"), Days::one(d("2026-11-27")));
        assert_eq!(one("next friday"), Days::one(d("2026-11-27")));
        assert_eq!(one("next thursday"), Days::one(d("2026-12-03")));
        assert_eq!(one("in 2 weeks"), Days::one(d("2026-12-10")));
        assert_eq!(one("end of week"), Days::one(d("2026-11-29")));
        assert_eq!(one("End of the month"), Days::one(d("2026-11-30")));
        // On a Sunday, the end of the week is today.
        let sunday = d("2026-11-29");
        assert_eq!(
            parse_days("end of week", sunday).unwrap(),
            Days::one(sunday)
        );
        assert_eq!(
            parse_days("end of month", d("2026-12-31")).unwrap(),
            Days::one(d("2026-12-31"))
        );
    }

    #[test]
    fn never_reads_month_first_and_says_what_it_could_not_read() {
        let today = d("2026-11-26");
        assert!(parse_days("11/26/2026", today).is_err());
        let e = parse_days("next tuesday-ish", today)
            .unwrap_err()
            .to_string();
        assert!(e.contains("next tuesday-ish"), "{e}");
        assert!(parse_day("2026-11", today).is_err());
    }

    #[test]
    fn a_night_shift_belongs_to_the_day_it_started() {
        let t = DateTime::parse_from_rfc3339("2026-11-27T02:00:00+00:00").unwrap();
        let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        assert_eq!(journal_day(&t, four), d("2026-11-26"));
        assert_eq!(journal_day(&t, NaiveTime::MIN), d("2026-11-27"));
        let late = DateTime::parse_from_rfc3339("2026-11-26T23:30:00+01:00").unwrap();
        assert_eq!(journal_day(&late, NaiveTime::MIN), d("2026-11-26"));
    }
}
