//! Per-minute limits (rpm, tpm) without a database write on every request's path.
//!
//! The database's `serve_rate` row of a key and minute stays the only thing replicas share: a
//! replica takes *slices* of the minute's requests from it (one conditional upsert that grants
//! all of a slice or nothing, see [`Store::reserve`]) and hands them out from memory. So the
//! replicas together never admit more than the limit, and a request waits for the database
//! only when its replica holds no slot.
//!
//! Slices: the first of a minute is one slot (a key used now and then stays exact and holds
//! nothing back); each following one doubles, up to `rpm / 16`. When a key's free slots fall to
//! half a slice, one background task reserves the next slice, so under steady load no request
//! waits. Keys under 32 rpm keep slices of one slot and no prefetch: every request is counted
//! in the database, exactly as before slicing.
//!
//! What slicing costs, and only for keys of 32 rpm or more: a replica may hold slots it has
//! reserved but not used — its current slice's remainder (at most half a slice once the
//! prefetch starts) and the prefetched slice, so at most 1.5 × rpm/16 (under a tenth of the
//! limit). A replica uses its slots before refusing anything, so slots are lost only when a
//! replica holding some receives no more of the key's requests before the minute ends: with R
//! such replicas, the key may be refused after `rpm − R × 1.5 × rpm/16` requests. It is never
//! admitted more than rpm times in a minute.
//!
//! Tokens per minute: a reservation also reads the minute's token count (every replica's
//! written usage). A request is checked against that count plus the tokens this process has
//! recorded since that the usage writer had not yet written (the writer and a reservation's
//! read exclude each other, so no batch is counted twice or missed). The estimate misses what
//! other replicas used since this replica last reserved, and what they had not written by then
//! (their writers write within moments); this replica reserves at least once per slice of its
//! own requests, and keys with a tpm limit take slices of at most [`TPM_SLICE`]. As before
//! slicing, it also misses the requests still being answered (their tokens are known only at
//! their end). Tokens this process could not write (a database outage) stay in its own
//! estimate but are missing from the other replicas'. A request refused for tokens takes no
//! slot (it no longer counts against the key's rpm) and needs no database call.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::store::Store;

/// The largest slice of a key with a tpm limit, or a tpm limit only: how often (in its
/// requests) a replica re-reads the minute's token count of the other replicas.
pub const TPM_SLICE: i64 = 16;
/// Above this many tracked keys, those whose minute is over are forgotten.
const TRACKED_MAX: usize = 10_000;

/// What a request may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Admitted,
    /// The key's requests for this minute are all taken.
    Requests,
    /// The key's tokens for this minute (as estimated here) are used up; no slot was taken.
    Tokens,
}

/// The database did not answer in time.
pub struct Unavailable;

/// Every rate-limited key this process has seen.
#[derive(Default)]
pub struct Limits {
    keys: Mutex<HashMap<String, Arc<KeyRate>>>,
    /// Held shared by reservations and exclusively by the usage writer while it adds a
    /// batch's tokens to `serve_rate` and counts them as written: so the token count a
    /// reservation reads includes exactly the tokens its snapshot of `written` counts.
    ledger: tokio::sync::RwLock<()>,
}

#[derive(Default)]
struct KeyRate {
    window: Mutex<Window>,
    /// Held while a reservation is made: requests that find no free slot wait here for the one
    /// in flight rather than each reserving a slice.
    refill: tokio::sync::Mutex<()>,
}

/// A key's minute, as this process sees it.
#[derive(Default)]
struct Window {
    /// Unix seconds of the minute's start.
    start: i64,
    /// Slots reserved in the database and not yet used.
    free: i64,
    /// The size of the next reservation.
    next: i64,
    /// The database refused even one slot: nobody can get more this minute.
    full: bool,
    /// A background reservation is in flight.
    refilling: bool,
    /// The minute's tokens in the database at the last reservation.
    db_tokens: i64,
    /// Tokens this process recorded in this minute, and how many of them the usage writer
    /// has written.
    recorded: i64,
    written: i64,
    /// `written` just before the last reservation read `db_tokens`.
    written_at_read: i64,
}

impl Window {
    /// Moves on to a later minute (never back).
    fn at(&mut self, start: i64) {
        if start > self.start {
            *self = Window {
                start,
                next: 1,
                refilling: self.refilling,
                ..Window::default()
            };
        }
    }

    fn tokens(&self) -> i64 {
        self.db_tokens + (self.recorded - self.written_at_read).max(0)
    }

    /// Takes a free slot: Some(admission), or None when one must be reserved first. A key
    /// over its tokens is refused without a slot or a database call: tokens only grow within
    /// a minute.
    fn take(&mut self, tpm: Option<i64>) -> Option<Admission> {
        if self.free == 0 && self.full {
            Some(Admission::Requests)
        } else if tpm.is_some_and(|t| self.tokens() >= t) {
            Some(Admission::Tokens)
        } else if self.free > 0 {
            self.free -= 1;
            Some(Admission::Admitted)
        } else {
            None
        }
    }

    /// Whether to reserve the next slice in the background now.
    fn wants_prefetch(&self, largest: i64) -> bool {
        largest > 1 && !self.full && !self.refilling && self.free * 2 <= self.next
    }

    fn granted(&mut self, start: i64, got: Option<(i64, i64)>, written_before: i64, largest: i64) {
        if start != self.start {
            return; // the minute is over: its slots are of no use
        }
        match got {
            Some((n, tokens)) => {
                self.free += n;
                self.db_tokens = tokens;
                self.written_at_read = written_before;
                self.next = (self.next * 2).min(largest).max(1);
            }
            None => self.full = true,
        }
    }
}

/// The largest slice for a key's limits.
fn largest_slice(rpm: Option<i64>, tpm: Option<i64>) -> i64 {
    let by_rpm = rpm.map_or(i64::MAX, |r| (r / 16).max(1));
    let by_tpm = if tpm.is_some() { TPM_SLICE } else { i64::MAX };
    by_rpm.min(by_tpm)
}

impl Limits {
    fn key(&self, id: &str, start: i64) -> Arc<KeyRate> {
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(k) = keys.get(id) {
            return k.clone();
        }
        if keys.len() >= TRACKED_MAX {
            keys.retain(|_, k| k.window.lock().map(|w| w.start >= start).unwrap_or(false));
        }
        keys.entry(id.to_string()).or_default().clone()
    }

    fn known(&self, id: &str) -> Option<Arc<KeyRate>> {
        let keys = self.keys.lock().ok()?;
        keys.get(id).cloned()
    }

    /// Counts one request of a key with rpm/tpm limits in the minute starting at `start`.
    /// Waits for the database (at most `wait`) only when this process holds no slot.
    pub async fn admit(
        self: &Arc<Self>,
        store: &Arc<Store>,
        key_id: &str,
        rpm: Option<i64>,
        tpm: Option<i64>,
        start: i64,
        wait: Duration,
    ) -> Result<Admission, Unavailable> {
        let largest = largest_slice(rpm, tpm);
        let key = self.key(key_id, start);
        // Only after a request took a slot: one refused for its tokens uses none, and slots
        // reserved for nothing would be missing from the other replicas' share.
        let prefetch = |w: &mut Window, a: Admission| {
            if a == Admission::Admitted && w.wants_prefetch(largest) {
                w.refilling = true;
                let job = Prefetch {
                    limits: self.clone(),
                    store: store.clone(),
                    key: key.clone(),
                    key_id: key_id.to_string(),
                    rpm,
                    start: w.start,
                    largest,
                };
                tokio::spawn(job.run(wait));
            }
        };
        {
            let mut w = key.window.lock().unwrap_or_else(|e| e.into_inner());
            w.at(start);
            if let Some(a) = w.take(tpm) {
                prefetch(&mut w, a);
                return Ok(a);
            }
        }
        let reserve = async {
            let _one_at_a_time = key.refill.lock().await;
            let _consistent = self.ledger.read().await;
            let (start, n, written) = {
                let mut w = key.window.lock().unwrap_or_else(|e| e.into_inner());
                w.at(start);
                // The reservation this request waited for may have left a slot.
                if let Some(a) = w.take(tpm) {
                    prefetch(&mut w, a);
                    return Ok(a);
                }
                (w.start, w.next, w.written)
            };
            let got = store
                .reserve(key_id, start, n, rpm)
                .await
                .map_err(|_| Unavailable)?;
            let mut w = key.window.lock().unwrap_or_else(|e| e.into_inner());
            w.granted(start, got, written, largest);
            let a = match w.take(tpm) {
                Some(a) => a,
                // The minute ended while the statement ran: the old minute's slot admits this
                // request, as it would have a moment earlier.
                None if got.is_some() => Admission::Admitted,
                None => Admission::Requests,
            };
            prefetch(&mut w, a);
            Ok(a)
        };
        tokio::time::timeout(wait, reserve)
            .await
            .map_err(|_| Unavailable)?
    }

    /// The usage log's hook: a request of `key_id` that ended at `at_millis` used `tokens`.
    pub fn recorded(&self, key_id: &str, at_millis: i64, tokens: i64) {
        if let Some(k) = self.known(key_id)
            && let Ok(mut w) = k.window.lock()
        {
            w.at(at_millis / 60_000 * 60);
            if w.start == at_millis / 60_000 * 60 {
                w.recorded += tokens;
            }
        }
    }

    /// Held by the usage writer from before it writes a batch until it has reported it
    /// [`Limits::written`].
    pub async fn writing(&self) -> tokio::sync::RwLockWriteGuard<'_, ()> {
        self.ledger.write().await
    }

    /// Whether `key_id` is rate-limited here (only those keys' tokens go to `serve_rate`).
    pub fn tracks(&self, key_id: &str) -> bool {
        self.known(key_id).is_some()
    }

    /// The usage writer's hook: `tokens` of the minute starting at `start` (Unix seconds) are
    /// now in the database.
    pub fn written(&self, key_id: &str, start: i64, tokens: i64) {
        if let Some(k) = self.known(key_id)
            && let Ok(mut w) = k.window.lock()
            && w.start == start
        {
            w.written += tokens;
        }
    }
}

/// A key's next slice, reserved off the request path; a failure leaves the slots empty (the
/// next request without a slot tries, and gets the 503 if the database stays away).
struct Prefetch {
    limits: Arc<Limits>,
    store: Arc<Store>,
    key: Arc<KeyRate>,
    key_id: String,
    rpm: Option<i64>,
    /// The minute it is for: once over, nothing is reserved (an idle key holds no slot of
    /// the next minute).
    start: i64,
    largest: i64,
}

impl Prefetch {
    async fn run(self, wait: Duration) {
        let key = &self.key;
        let work = async {
            let _one_at_a_time = key.refill.lock().await;
            let _consistent = self.limits.ledger.read().await;
            let (n, written) = {
                let w = key.window.lock().unwrap_or_else(|e| e.into_inner());
                // A request that waited for the lock may have refilled already.
                if w.start != self.start || w.full || w.free * 2 > w.next {
                    return;
                }
                (w.next, w.written)
            };
            if let Ok(got) = self
                .store
                .reserve(&self.key_id, self.start, n, self.rpm)
                .await
            {
                let mut w = key.window.lock().unwrap_or_else(|e| e.into_inner());
                w.granted(self.start, got, written, self.largest);
            }
        };
        let _ = tokio::time::timeout(wait, work).await;
        let mut w = key.window.lock().unwrap_or_else(|e| e.into_inner());
        w.refilling = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_grow_to_a_sixteenth_of_the_rpm_and_small_keys_stay_exact() {
        assert_eq!(largest_slice(Some(20), None), 1);
        assert_eq!(largest_slice(Some(31), None), 1);
        assert_eq!(largest_slice(Some(32), None), 2);
        assert_eq!(largest_slice(Some(1600), None), 100);
        assert_eq!(largest_slice(Some(1600), Some(5)), TPM_SLICE);
        assert_eq!(largest_slice(None, Some(5)), TPM_SLICE);
        let mut w = Window::default();
        w.at(60);
        assert!(w.take(None).is_none());
        w.granted(60, Some((1, 0)), 0, 100);
        assert_eq!(w.take(None), Some(Admission::Admitted));
        assert_eq!(w.next, 2);
        assert!(w.wants_prefetch(100));
        assert!(!w.wants_prefetch(1), "no prefetch for keys under 32 rpm");
        w.granted(60, None, 0, 100);
        assert_eq!(w.take(None), Some(Admission::Requests));
        w.at(120);
        assert!(w.take(None).is_none(), "a new minute starts empty");
    }

    #[test]
    fn the_token_estimate_adds_what_is_recorded_and_not_yet_written() {
        let mut w = Window::default();
        w.at(60);
        w.granted(60, Some((4, 100)), 0, 16);
        w.recorded += 30;
        assert_eq!(w.tokens(), 130);
        // The writer wrote 20 of them, then a reservation read the database (which has them).
        w.written += 20;
        let written = w.written;
        w.granted(60, Some((4, 120)), written, 16);
        assert_eq!(w.tokens(), 130);
        assert_eq!(w.take(Some(131)), Some(Admission::Admitted));
        assert_eq!(w.take(Some(130)), Some(Admission::Tokens));
        assert_eq!(w.free, 7, "a request over its tokens takes no slot");
    }
}
