//! Unix seconds as a UTC calendar date and time, for showing token times (`iat`, `exp`, `auth_time`): the one
//! copy of the civil-from-days algorithm that `cogfed token` and the demo's profile page both print with.

/// A UTC date and time (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcTime {
    /// Year, e.g. 2026.
    pub year: i64,
    /// Month, 1-12.
    pub month: u32,
    /// Day of the month, 1-31.
    pub day: u32,
    /// Hour, 0-23.
    pub hour: u32,
    /// Minute, 0-59.
    pub minute: u32,
    /// Second, 0-59.
    pub second: u32,
}

/// `secs` since the Unix epoch, in UTC (Howard Hinnant's `civil_from_days`).
pub fn utc_time(secs: u64) -> UtcTime {
    let days = (secs / 86_400) as i64;
    let rem = (secs % 86_400) as u32;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    UtcTime {
        year: yoe + era * 400 + i64::from(month <= 2),
        month,
        day,
        hour: rem / 3_600,
        minute: rem % 3_600 / 60,
        second: rem % 60,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd_hms(secs: u64) -> (i64, u32, u32, u32, u32, u32) {
        let t = utc_time(secs);
        (t.year, t.month, t.day, t.hour, t.minute, t.second)
    }

    #[test]
    fn known_instants() {
        assert_eq!(ymd_hms(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(ymd_hms(951_782_400), (2000, 2, 29, 0, 0, 0));
        assert_eq!(ymd_hms(1_300_819_380), (2011, 3, 22, 18, 43, 0));
        assert_eq!(ymd_hms(1_642_699_117), (2022, 1, 20, 17, 18, 37));
        assert_eq!(ymd_hms(1_767_225_600), (2026, 1, 1, 0, 0, 0));
        assert_eq!(ymd_hms(4_102_444_799), (2099, 12, 31, 23, 59, 59));
    }

    #[test]
    fn every_day_follows_the_previous_one() {
        // Four centuries of days, one a step: the date advances by exactly one day each time.
        let mut prev = utc_time(0);
        for d in 1..146_097u64 {
            let t = utc_time(d * 86_400);
            let next_day = (t.year, t.month, t.day) != (prev.year, prev.month, prev.day);
            assert!(next_day && t.hour == 0, "{prev:?} -> {t:?}");
            if t.month == prev.month {
                assert_eq!(t.day, prev.day + 1);
            } else {
                assert_eq!(t.day, 1);
            }
            prev = t;
        }
    }
}
