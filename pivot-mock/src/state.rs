//! What the mock remembers between calls: the tokens it issued, the
//! idempotency keys it saw, the resources created through it, what a test
//! asked of the next calls, and the calls themselves.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::record::RecordedRequest;

/// How long Pivot keeps an idempotency key (its published Idempotency page).
pub(crate) const KEY_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// An answer as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer {
    pub status: u16,
    pub body: Arc<[u8]>,
}

/// A test's instruction for coming calls.
#[derive(Debug, Clone)]
pub(crate) enum Planned {
    /// Answer this, whatever the call.
    Answer(Answer),
    /// Fail with this status (the error body of that status).
    Fail(u16),
}

/// The first answer given under an idempotency key.
#[derive(Debug)]
pub(crate) struct KeptAnswer {
    /// Method, path, query and body of the call, to tell a replay from a
    /// different call under the same key.
    pub call: Fingerprint,
    pub answer: Answer,
    pub at: Instant,
}

/// What two calls under one key must share to be the same call.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fingerprint {
    pub method: String,
    pub path: String,
    pub query: String,
    /// The body as JSON (so spacing and member order do not matter), or its
    /// bytes when it is not JSON.
    pub body: Result<serde_json::Value, Vec<u8>>,
}

/// Something created through the mock: a payment session, a refund, a
/// payout. Retrieving it (by ID, or by a reference it was created with)
/// answers with its ID and references.
#[derive(Debug, Clone)]
pub(crate) struct Resource {
    pub id: String,
    /// `clientReferenceId`, `referenceId`: as the create call sent them.
    pub references: Vec<(String, String)>,
}

#[derive(Debug, Default)]
pub(crate) struct State {
    /// Issued access tokens and when each expires.
    pub tokens: HashMap<String, Instant>,
    pub tokens_issued: u64,
    pub keys: HashMap<String, KeptAnswer>,
    /// Resources by collection (`/v2/payments`), in creation order.
    pub resources: BTreeMap<String, Vec<Resource>>,
    pub resources_created: u64,
    /// Planned answers and failures of each route, in order.
    pub planned: HashMap<usize, VecDeque<Planned>>,
    /// Failures planned for the next calls of any route: (count, status).
    pub fail_any: VecDeque<(usize, u16)>,
    pub record: bool,
    pub requests: Vec<RecordedRequest>,
    pub errors_sent: u64,
}

impl State {
    /// The next planned failure for any route, used up.
    pub fn take_failure(&mut self) -> Option<u16> {
        let (count, status) = self.fail_any.front_mut()?;
        let status = *status;
        *count -= 1;
        if *count == 0 {
            self.fail_any.pop_front();
        }
        Some(status)
    }

    /// The next thing planned for `route`, used up.
    pub fn take_planned(&mut self, route: usize) -> Option<Planned> {
        let queue = self.planned.get_mut(&route)?;
        let next = queue.pop_front();
        if queue.is_empty() {
            self.planned.remove(&route);
        }
        next
    }

    /// Forgets keys older than Pivot keeps them.
    pub fn expire_keys(&mut self, now: Instant) {
        self.keys
            .retain(|_, kept| now.saturating_duration_since(kept.at) < KEY_LIFETIME);
    }

    /// A fresh ID in UUID form, counting up: deterministic, so a test run
    /// sees the same IDs every time.
    pub fn new_id(&mut self) -> String {
        self.resources_created += 1;
        format!("00000000-0000-4000-8000-{:012x}", self.resources_created)
    }

    /// A fresh access token.
    pub fn new_token(&mut self) -> String {
        self.tokens_issued += 1;
        format!("pivot-mock-token-{}", self.tokens_issued)
    }

    /// A trace ID for an error body.
    pub fn trace_id(&mut self) -> String {
        self.errors_sent += 1;
        format!("pivot-mock-{}", self.errors_sent)
    }

    /// The resource of `collection` whose ID or a reference is `value`.
    pub fn resource(&self, collection: &str, value: &str) -> Option<&Resource> {
        self.resources
            .get(collection)?
            .iter()
            .rev()
            .find(|r| r.id == value || r.references.iter().any(|(_, v)| v == value))
    }
}
