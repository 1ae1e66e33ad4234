//! [`Renderer`]: PNGs drawn on a bounded number of blocking threads, each picture once.
//!
//! The badge and preview routes are public, so they will be hit hard; drawing a PNG costs
//! milliseconds of CPU. At most `threads` pictures are drawn at once and at most `waiting`
//! more wait for a thread; past that a request is refused at once with [`ArtError::Busy`]
//! (the route answers 503 and `Retry-After`). What was drawn is kept: a badge class's art by
//! its code until its version changes, previews in a bounded cache that forgets the least
//! recently used. Requests for a picture being drawn wait for that drawing, not for another.

use std::sync::{Arc, Mutex};

use tokio::sync::{OnceCell, Semaphore};

use super::{ArtError, Design, Preview};
use crate::cache::{Lru as Cache, lock};

/// Badge classes kept (a catalog has a few hundred at most).
const BADGES_KEPT: usize = 4096;
/// Previews kept.
pub const PREVIEWS_KEPT: usize = 256;
/// Baked images kept (an award's art with its assertion in it, some 20 kB each).
pub const BAKED_KEPT: usize = 512;

type Png = Arc<[u8]>;

/// Draws and keeps badge art and share previews. Create one at startup; clones share the
/// threads and the caches.
#[derive(Clone)]
pub struct Renderer {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

struct Inner {
    /// A place for every drawing that runs or waits.
    places: Arc<Semaphore>,
    /// A permit for every drawing that runs.
    threads: Arc<Semaphore>,
    badges: Mutex<Cache<Badge>>,
    previews: Mutex<Cache<Arc<OnceCell<Png>>>>,
    baked: Mutex<Cache<Arc<OnceCell<Png>>>>,
}

/// A badge class's art: the SVG, and the PNG once drawn.
#[derive(Clone)]
struct Badge {
    svg: Arc<str>,
    png: Arc<OnceCell<Png>>,
}

impl Default for Renderer {
    /// One drawing thread per core, and eight drawings per thread waiting at most.
    fn default() -> Self {
        let threads = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        Renderer::new(threads, threads * 8)
    }
}

impl Renderer {
    /// At most `threads` drawings at once (at least one), `waiting` more queued.
    pub fn new(threads: usize, waiting: usize) -> Renderer {
        let threads = threads.max(1);
        Renderer {
            inner: Arc::new(Inner {
                places: Arc::new(Semaphore::new(threads.saturating_add(waiting))),
                threads: Arc::new(Semaphore::new(threads)),
                badges: Mutex::new(Cache::new(BADGES_KEPT)),
                previews: Mutex::new(Cache::new(PREVIEWS_KEPT)),
                baked: Mutex::new(Cache::new(BAKED_KEPT)),
            }),
        }
    }

    /// The SVG of the badge class `key` (its code) at `version` (anything that changes
    /// when the class does, such as its row's `updated_at`). Drawn once per version; cheap,
    /// so it takes no thread.
    pub fn badge_svg(&self, key: &str, version: &str, design: &Design) -> Arc<str> {
        self.badge(key, version, design).svg
    }

    /// The PNG of the badge class `key` at `version`, [`super::BADGE_PNG_SIZE`] pixels
    /// square, drawn once per version.
    pub async fn badge_png(
        &self,
        key: &str,
        version: &str,
        design: &Design<'_>,
    ) -> Result<Png, ArtError> {
        let badge = self.badge(key, version, design);
        let svg = badge.svg.clone();
        badge
            .png
            .get_or_try_init(|| {
                self.run(move || {
                    super::render::png(&svg, super::BADGE_PNG_SIZE, super::BADGE_PNG_SIZE)
                })
            })
            .await
            .cloned()
    }

    /// The share preview `key` (the caller's, e.g. the award's id) at `version`,
    /// 1200 x 630, drawn once while it stays among the [`PREVIEWS_KEPT`] last used.
    pub async fn preview_png(
        &self,
        key: &str,
        version: &str,
        preview: &Preview<'_>,
    ) -> Result<Png, ArtError> {
        let cell =
            lock(&self.inner.previews).get_or_insert(key, version, || Arc::new(OnceCell::new()));
        if let Some(png) = cell.get() {
            return Ok(png.clone());
        }
        let svg = super::svg::preview(preview);
        cell.get_or_try_init(|| {
            self.run(move || super::render::png(&svg, super::PREVIEW_WIDTH, super::PREVIEW_HEIGHT))
        })
        .await
        .cloned()
    }

    /// The PNG of the badge class `class` at `version` with `assertion` baked in
    /// (`openbadges::png::bake`), kept for `key` (the award's id) while `assertion` is the
    /// same and it stays among the [`BAKED_KEPT`] last used.
    pub async fn baked_png(
        &self,
        key: &str,
        class: (&str, &str),
        design: &Design<'_>,
        assertion: &str,
    ) -> Result<Png, ArtError> {
        let (class_key, class_version) = class;
        let version = format!("{class_version}\n{assertion}");
        let cell =
            lock(&self.inner.baked).get_or_insert(key, &version, || Arc::new(OnceCell::new()));
        if let Some(png) = cell.get() {
            return Ok(png.clone());
        }
        let art = self.badge_png(class_key, class_version, design).await?;
        let assertion = assertion.to_owned();
        cell.get_or_try_init(|| {
            self.run(move || {
                crate::openbadges::png::bake(&art, &assertion)
                    .map_err(|e| ArtError::Png(e.to_string()))
            })
        })
        .await
        .cloned()
    }

    fn badge(&self, key: &str, version: &str, design: &Design) -> Badge {
        if let Some(badge) = lock(&self.inner.badges).get(key, version) {
            return badge;
        }
        let badge = Badge {
            svg: Arc::from(super::svg::badge(design)),
            png: Arc::new(OnceCell::new()),
        };
        lock(&self.inner.badges).get_or_insert(key, version, || badge)
    }

    /// Runs `job` on a blocking thread once one is free, or refuses at once when as many
    /// drawings as allowed are running and waiting.
    async fn run(
        &self,
        job: impl FnOnce() -> Result<Vec<u8>, ArtError> + Send + 'static,
    ) -> Result<Png, ArtError> {
        let place = self
            .inner
            .places
            .clone()
            .try_acquire_owned()
            .map_err(|_| ArtError::Busy)?;
        let thread = self
            .inner
            .threads
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ArtError::Busy)?;
        // The permits go with the job: a request that goes away does not free a thread
        // that is still drawing.
        let drawn = tokio::task::spawn_blocking(move || {
            let _held = (place, thread);
            job()
        })
        .await??;
        Ok(Png::from(drawn))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BadgeKind, Level};

    fn design() -> Design<'static> {
        Design {
            kind: BadgeKind::Exam,
            level: Some(Level::Associate),
            label: "AZ-104",
            issuer: "Microsoft",
            title: "Microsoft Azure Administrator",
            retired: false,
        }
    }

    #[tokio::test]
    async fn a_badge_is_drawn_once_per_version() {
        let renderer = Renderer::new(1, 1);
        let first = renderer.badge_png("AZ-104", "v1", &design()).await.unwrap();
        let again = renderer.badge_png("AZ-104", "v1", &design()).await.unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        let svg = renderer.badge_svg("AZ-104", "v1", &design());
        assert!(Arc::ptr_eq(
            &svg,
            &renderer.badge_svg("AZ-104", "v1", &design())
        ));
        let changed = renderer.badge_png("AZ-104", "v2", &design()).await.unwrap();
        assert!(!Arc::ptr_eq(&first, &changed));
        assert_eq!(
            lock(&renderer.inner.badges).len(),
            1,
            "the old version is gone"
        );
    }

    #[tokio::test]
    async fn a_preview_is_kept_and_the_cache_stays_bounded() {
        let renderer = Renderer::new(2, 4);
        let preview = Preview {
            design: design(),
            title: "Microsoft Azure Administrator",
            earner: "Ada Lovelace",
            issuer: "Microsoft",
            date_text: "15 January 2020",
        };
        let first = renderer
            .preview_png("award-1", "1", &preview)
            .await
            .unwrap();
        let again = renderer
            .preview_png("award-1", "1", &preview)
            .await
            .unwrap();
        assert!(Arc::ptr_eq(&first, &again));
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once() {
        let renderer = Renderer::new(1, 1);
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let (started, running) = tokio::sync::oneshot::channel::<()>();
        let busy = renderer.clone();
        let blocker = tokio::spawn(async move {
            busy.run(move || {
                let _ = started.send(());
                let _ = wait.recv();
                Ok(vec![0u8])
            })
            .await
        });
        running.await.unwrap();
        // One drawing runs; one more may wait.
        let waiting = renderer.clone();
        let queued = tokio::spawn(async move {
            waiting
                .badge_png("AZ-104", "v1", &design())
                .await
                .map(|png| png.len())
        });
        while renderer.inner.places.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let refused = renderer
            .preview_png(
                "award-1",
                "1",
                &Preview {
                    design: design(),
                    title: "t",
                    earner: "e",
                    issuer: "i",
                    date_text: "d",
                },
            )
            .await;
        assert!(matches!(refused, Err(ArtError::Busy)), "{refused:?}");

        release.send(()).unwrap();
        assert_eq!(blocker.await.unwrap().unwrap().len(), 1);
        assert!(queued.await.unwrap().unwrap() > 0);
        // Free again: the refused preview is drawn now.
        assert!(
            renderer
                .preview_png(
                    "award-1",
                    "1",
                    &Preview {
                        design: design(),
                        title: "t",
                        earner: "e",
                        issuer: "i",
                        date_text: "d",
                    },
                )
                .await
                .is_ok()
        );
    }
}
