//! What generated code calls. Not API: the paths and signatures here change
//! whenever pivot-macros changes what it generates.

use std::fmt;
use std::marker::PhantomData;

use crate::{Rule, Set, ValidationErrors, Violation};

/// The judgement of each rule and its wording: one copy, used by the
/// generated `validate()` at run time and by `pivot-codegen` on the pages'
/// examples (which decides which rules are checked) and in the docs.
pub mod rules {
    use std::fmt;

    use crate::Rule;

    /// Whether `count` is in `min..=max`.
    pub fn in_range(count: usize, min: usize, max: usize) -> bool {
        (min..=max).contains(&count)
    }

    /// The characters of a text, as [`Rule::Chars`] counts them.
    pub fn chars(value: &str) -> usize {
        value.chars().count()
    }

    /// The decimal digits of an integer's absolute value, as [`Rule::Digits`]
    /// counts them.
    pub fn digits(value: u64) -> usize {
        value.checked_ilog10().map_or(1, |log| log as usize + 1)
    }

    /// `-123.45` with at most `digits` digits, `fraction` of them after the
    /// point ([`Rule::Decimal`]).
    pub fn is_decimal(value: &str, digits: usize, fraction: usize) -> bool {
        let unsigned = value.strip_prefix('-').unwrap_or(value);
        let (whole, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        !whole.is_empty()
            && all_digits(whole)
            && all_digits(frac)
            && (!unsigned.contains('.') || !frac.is_empty())
            && frac.len() <= fraction
            && whole.len() + frac.len() <= digits
    }

    /// ASCII letters and digits only ([`Rule::Alphanumeric`]).
    pub fn is_alphanumeric(value: &str) -> bool {
        value.bytes().all(|b| b.is_ascii_alphanumeric())
    }

    /// ASCII digits only ([`Rule::Numeric`]).
    pub fn is_numeric(value: &str) -> bool {
        value.bytes().all(|b| b.is_ascii_digit())
    }

    /// A rule in words, as `Rule`'s `Display` and the generated docs say it.
    pub fn describe(rule: &Rule, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn range(f: &mut fmt::Formatter<'_>, min: usize, max: usize, unit: &str) -> fmt::Result {
            if min == 0 {
                write!(f, "at most {max} {unit}")
            } else if min == max {
                write!(f, "exactly {max} {unit}")
            } else {
                write!(f, "{min} to {max} {unit}")
            }
        }
        match *rule {
            Rule::Chars { min, max } => range(f, min, max, "characters"),
            Rule::Items { min, max } => range(f, min, max, "items"),
            Rule::Digits { min, max } => range(f, min, max, "digits"),
            Rule::Decimal { digits, fraction } => write!(
                f,
                "a decimal number of at most {digits} digits, {fraction} after the point"
            ),
            Rule::Alphanumeric => f.write_str("ASCII letters and digits only"),
            Rule::Numeric => f.write_str("ASCII digits only"),
            Rule::AtLeastOne(keys) => at_least_one(keys, f),
        }
    }

    /// "at least one of `a`, `b`".
    pub fn at_least_one<K: AsRef<str>>(keys: &[K], f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("at least one of ")?;
        for (i, key) in keys.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{}`", key.as_ref())?;
        }
        Ok(())
    }
}

/// Walks a value, keeping the JSON path of where it is and every violation
/// found: the state behind every generated `validate()`.
#[derive(Default)]
pub struct Check {
    path: String,
    marks: Vec<usize>,
    violations: Vec<Violation>,
}

impl Check {
    /// Goes into the member `key`.
    pub fn enter(&mut self, key: &str) {
        self.marks.push(self.path.len());
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(key);
    }

    /// Goes into the item `index` of an array.
    pub fn enter_index(&mut self, index: usize) {
        use fmt::Write;
        self.marks.push(self.path.len());
        // Writing to a `String` cannot fail.
        let _ = write!(self.path, "[{index}]");
    }

    /// Comes back out of the last `enter`.
    pub fn leave(&mut self) {
        if let Some(mark) = self.marks.pop() {
            self.path.truncate(mark);
        }
    }

    fn fail(&mut self, key: &str, rule: Rule) {
        self.enter(key);
        let path = self.path.clone();
        self.leave();
        self.violations.push(Violation { path, rule });
    }

    /// [`Rule::Chars`] on the member `key`.
    pub fn chars(&mut self, key: &str, value: &str, min: usize, max: usize) {
        if !rules::in_range(rules::chars(value), min, max) {
            self.fail(key, Rule::Chars { min, max });
        }
    }

    /// [`Rule::Items`] on the member `key`.
    pub fn items(&mut self, key: &str, len: usize, min: usize, max: usize) {
        if !rules::in_range(len, min, max) {
            self.fail(key, Rule::Items { min, max });
        }
    }

    /// [`Rule::Digits`] on the member `key` (the integer's absolute value).
    pub fn digits(&mut self, key: &str, value: u64, min: usize, max: usize) {
        if !rules::in_range(rules::digits(value), min, max) {
            self.fail(key, Rule::Digits { min, max });
        }
    }

    /// [`Rule::Decimal`] on the member `key`.
    pub fn decimal(&mut self, key: &str, value: &str, digits: usize, fraction: usize) {
        if !rules::is_decimal(value, digits, fraction) {
            self.fail(key, Rule::Decimal { digits, fraction });
        }
    }

    /// [`Rule::Alphanumeric`] on the member `key`.
    pub fn alphanumeric(&mut self, key: &str, value: &str) {
        if !rules::is_alphanumeric(value) {
            self.fail(key, Rule::Alphanumeric);
        }
    }

    /// [`Rule::Numeric`] on the member `key`.
    pub fn numeric(&mut self, key: &str, value: &str) {
        if !rules::is_numeric(value) {
            self.fail(key, Rule::Numeric);
        }
    }

    /// [`Rule::AtLeastOne`]: `present[i]` says whether `keys[i]` is sent;
    /// reported at the object that holds them.
    pub fn at_least_one(&mut self, keys: &'static [&'static str], present: &[bool]) {
        if !present.contains(&true) {
            let path = self.path.clone();
            self.violations.push(Violation {
                path,
                rule: Rule::AtLeastOne(keys),
            });
        }
    }

    /// Every violation found, or `Ok`.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors {
                violations: self.violations,
            })
        }
    }
}

/// The missing-field diagnostic of every builder: `build()` asks it of the
/// marker of each required field, with the type being built and a marker
/// type named after the field, and only [`Set`] has it.
#[diagnostic::on_unimplemented(
    message = "missing required field `{Field}` when building `{Owner}`",
    label = "`{Field}` is not set",
    note = "call `.{Field}(...)` before `.build()`"
)]
pub trait Required<Owner, Field> {}

impl<Owner, Field> Required<Owner, Field> for Set {}

/// The value of a required field whose marker is [`Set`]. Only its setter
/// makes the marker `Set`, and the setter stores the value, so the `None`
/// arm cannot run.
#[inline]
pub fn take<T>(slot: Option<T>) -> T {
    match slot {
        Some(value) => value,
        None => {
            unreachable!("a required field is marked `Set` only by its setter, which stores it")
        }
    }
}

/// A builder's state is a tuple of markers, one per required field (tuples
/// of tuples past [`STATE_WIDTH`] fields); a setter names its field by
/// position. `State::SetN` is the tuple with the marker at `N` made [`Set`]
/// (positions past the tuple's end leave it as it is), so a setter's type
/// says only which position it sets: `-> RequestBuilder<S::Set1>`.
pub trait State {
    /// The state with position 0 set.
    type Set0;
    /// The state with position 1 set.
    type Set1;
    /// The state with position 2 set.
    type Set2;
    /// The state with position 3 set.
    type Set3;
    /// The state with position 4 set.
    type Set4;
    /// The state with position 5 set.
    type Set5;
    /// The state with position 6 set.
    type Set6;
    /// The state with position 7 set.
    type Set7;
    /// The state with position 8 set.
    type Set8;
    /// The state with position 9 set.
    type Set9;
    /// The state with position 10 set.
    type Set10;
    /// The state with position 11 set.
    type Set11;
    /// The state with position 12 set.
    type Set12;
    /// The state with position 13 set.
    type Set13;
    /// The state with position 14 set.
    type Set14;
    /// The state with position 15 set.
    type Set15;
    /// The state with position 16 set.
    type Set16;
    /// The state with position 17 set.
    type Set17;
    /// The state with position 18 set.
    type Set18;
    /// The state with position 19 set.
    type Set19;
    /// The state with position 20 set.
    type Set20;
    /// The state with position 21 set.
    type Set21;
    /// The state with position 22 set.
    type Set22;
    /// The state with position 23 set.
    type Set23;
    /// The state with position 24 set.
    type Set24;
    /// The state with position 25 set.
    type Set25;
    /// The state with position 26 set.
    type Set26;
    /// The state with position 27 set.
    type Set27;
    /// The state with position 28 set.
    type Set28;
    /// The state with position 29 set.
    type Set29;
    /// The state with position 30 set.
    type Set30;
    /// The state with position 31 set.
    type Set31;
}

/// The element at `I` of a nested state, for builders with more than
/// [`STATE_WIDTH`] required fields.
pub trait Get<const I: usize> {
    /// The element at `I`.
    type Out;
}

/// A nested state with the element at `I` replaced by `X`.
pub trait Replace<const I: usize, X> {
    /// The tuple with the element at `I` replaced by `X`.
    type Out;
}

/// A state of two levels with position `K` of its part `C` made [`Set`].
pub trait SetIn<const C: usize, const K: usize> {
    /// The state after the setter.
    type Out;
}

impl<S, const C: usize, const K: usize> SetIn<C, K> for S
where
    S: Get<C>,
    <S as Get<C>>::Out: Replace<K, Set>,
    S: Replace<C, <<S as Get<C>>::Out as Replace<K, Set>>::Out>,
{
    type Out = <S as Replace<C, <<S as Get<C>>::Out as Replace<K, Set>>::Out>>::Out;
}

macro_rules! state {
    // One associated type per position: the tuple with `$at` replaced by `Set`.
    (@types [$($before:ident)*] [$at:ident $($after:ident)*] [$name:ident $($names:ident)*] $($out:tt)*) => {
        state!(@types [$($before)* $at] [$($after)*] [$($names)*] $($out)*
            type $name = ($($before,)* Set, $($after,)*););
    };
    // Past the tuple's end: nothing to set.
    (@types [$($param:ident)*] [] [$($name:ident)*] $($out:tt)*) => {
        impl<$($param),*> State for ($($param,)*) {
            $($out)*
            $(type $name = Self;)*
        }
    };
}

macro_rules! positions {
    ([$($before:ident)*] []) => {};
    ([$($before:ident)*] [($i:literal $at:ident) $(($j:literal $after:ident))*]) => {
        impl<$($before,)* $at, $($after,)*> Get<$i> for ($($before,)* $at, $($after,)*) {
            type Out = $at;
        }
        impl<$($before,)* $at, $($after,)* X> Replace<$i, X> for ($($before,)* $at, $($after,)*) {
            type Out = ($($before,)* X, $($after,)*);
        }
        positions!([$($before)* $at] [$(($j $after))*]);
    };
}

macro_rules! arities {
    ([$(($i:literal $param:ident))*]) => {};
    ([$(($i:literal $param:ident))*] ($next_i:literal $next:ident) $($rest:tt)*) => {
        positions!([] [$(($i $param))* ($next_i $next)]);
        state!(@types [] [$($param)* $next] [Set0 Set1 Set2 Set3 Set4 Set5 Set6 Set7 Set8 Set9 Set10 Set11 Set12 Set13 Set14 Set15 Set16 Set17 Set18 Set19 Set20 Set21 Set22 Set23 Set24 Set25 Set26 Set27 Set28 Set29 Set30 Set31]);
        arities!([$(($i $param))* ($next_i $next)] $($rest)*);
    };
}

state!(@types [] [] [Set0 Set1 Set2 Set3 Set4 Set5 Set6 Set7 Set8 Set9 Set10 Set11 Set12 Set13 Set14 Set15 Set16 Set17 Set18 Set19 Set20 Set21 Set22 Set23 Set24 Set25 Set26 Set27 Set28 Set29 Set30 Set31]);
arities!([] (0 T0) (1 T1) (2 T2) (3 T3) (4 T4) (5 T5) (6 T6) (7 T7) (8 T8) (9 T9) (10 T10) (11 T11) (12 T12) (13 T13) (14 T14) (15 T15) (16 T16) (17 T17) (18 T18) (19 T19) (20 T20) (21 T21) (22 T22) (23 T23) (24 T24) (25 T25) (26 T26) (27 T27) (28 T28) (29 T29) (30 T30) (31 T31));

/// The widest tuple a builder state uses; wider ones nest.
pub const STATE_WIDTH: usize = 32;

/// What every generated enum's `Deserialize` calls: a visitor that matches
/// borrowed strings without allocating, so only an undocumented value costs
/// a `String`.
pub fn deserialize_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct EnumVisitor<T>(PhantomData<T>);

    impl<T> serde::de::Visitor<'_> for EnumVisitor<T>
    where
        T: for<'a> From<&'a str> + From<String>,
    {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }

        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(EnumVisitor(PhantomData))
}

/// Appends `value` to a path percent-encoded: only unreserved characters
/// (RFC 3986: letters, digits, `-._~`) stay as they are.
pub fn push_segment(path: &mut String, value: &str) {
    use fmt::Write;
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            path.push(char::from(byte));
        } else {
            // Writing to a `String` cannot fail.
            let _ = write!(path, "%{byte:02X}");
        }
    }
}

/// What the generated `Callbacks::parse` calls.
pub mod callbacks {
    use serde::Deserialize;
    use serde::de::DeserializeOwned;

    use crate::CallbackError;

    /// The body's `event` and the body as text.
    pub fn event(body: &[u8]) -> Result<(String, &str), CallbackError> {
        #[derive(Deserialize)]
        struct Envelope {
            event: String,
        }
        let malformed = |message: String| CallbackError::Malformed { message };
        let text = std::str::from_utf8(body).map_err(|e| malformed(e.to_string()))?;
        let envelope: Envelope =
            serde_json::from_str(text).map_err(|e| malformed(e.to_string()))?;
        Ok((envelope.event, text))
    }

    /// The body as `T`, the request of the page `page`.
    pub fn read<T: DeserializeOwned>(
        body: &[u8],
        event: &str,
        page: &'static str,
    ) -> Result<T, CallbackError> {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            let path = e.path().to_string();
            CallbackError::Mismatch {
                event: event.to_string(),
                page,
                path,
                message: e.into_inner().to_string(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::rules::*;
    use super::*;

    #[test]
    fn decimals() {
        assert!(is_decimal("36000", 16, 2));
        assert!(is_decimal("8463186.00", 16, 2));
        assert!(is_decimal("-1.5", 16, 2));
        assert!(!is_decimal("1.234", 16, 2));
        assert!(!is_decimal("1.", 16, 2));
        assert!(!is_decimal(".5", 16, 2));
        assert!(!is_decimal("12345678901234567", 16, 2));
        assert!(!is_decimal("1e5", 16, 2));
        assert!(!is_decimal("", 16, 2));
    }

    #[test]
    fn digits_of_integers() {
        assert_eq!(digits(0), 1);
        assert_eq!(digits(9), 1);
        assert_eq!(digits(10), 2);
        assert_eq!(digits(u64::MAX), 20);
    }

    #[test]
    fn wording() {
        assert_eq!(
            Rule::Chars { min: 0, max: 20 }.to_string(),
            "at most 20 characters"
        );
        assert_eq!(
            Rule::Digits { min: 3, max: 3 }.to_string(),
            "exactly 3 digits"
        );
        assert_eq!(Rule::Items { min: 1, max: 5 }.to_string(), "1 to 5 items");
        assert_eq!(
            Rule::AtLeastOne(&["customerId", "customer"]).to_string(),
            "at least one of `customerId`, `customer`"
        );
    }

    #[test]
    fn checks_report_paths() {
        let mut check = Check::default();
        check.enter("items");
        check.enter_index(2);
        check.chars("name", "abcd", 1, 3);
        check.leave();
        check.leave();
        check.numeric("phone", "12a");
        let errors = check.finish().unwrap_err();
        let paths: Vec<&str> = errors
            .violations()
            .iter()
            .map(|v| v.path.as_str())
            .collect();
        assert_eq!(paths, ["items[2].name", "phone"]);
    }

    #[test]
    fn positions_replace_one_element() {
        fn same<A: 'static, B: 'static>() -> bool {
            std::any::TypeId::of::<A>() == std::any::TypeId::of::<B>()
        }
        type S = (crate::Unset, crate::Unset, crate::Unset);
        assert!(same::<
            <S as Replace<1, Set>>::Out,
            (crate::Unset, Set, crate::Unset),
        >());
        assert!(same::<<S as Get<2>>::Out, crate::Unset>());
    }

    #[test]
    fn segments_are_percent_encoded() {
        let mut path = String::from("/v2/");
        push_segment(&mut path, "a b/../?x~");
        assert_eq!(path, "/v2/a%20b%2F..%2F%3Fx~");
    }
}
