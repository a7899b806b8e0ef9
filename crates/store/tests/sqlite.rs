//! The conformance suite on embedded SQLite.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::expect_used,
    reason = "tests"
)]

mod suite;

async fn url(name: &str) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("mynumber-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("{name}.db"));
    let _ = std::fs::remove_file(&path);
    Some(format!("sqlite://{}?mode=rwc", path.display()))
}

all_cases!(url);

/// An import reads and checks its source off the async workers: the server goes on answering
/// meanwhile. On a runtime with one worker, the source's second read waits for another task of
/// that runtime to run; it can only if the import handed the worker on (`block_in_place`). Run
/// in place, the import would wait for the task, the task for the worker, and the read would
/// give up after 30 s (a failure, not a hang).
#[test]
fn an_import_leaves_the_worker_to_other_tasks() {
    use std::io::{self, Read};
    use std::sync::mpsc;

    use mynumber_app::import_file::Layout;
    use mynumber_app::{ImportOptions, ImportSource, Pass, Quiet};

    /// Tells the other task, and waits for its answer.
    struct Handshake {
        call: tokio::sync::mpsc::UnboundedSender<()>,
        answer: std::sync::Mutex<mpsc::Receiver<()>>,
    }
    struct Source {
        text: Vec<u8>,
        handshake: std::sync::Arc<Handshake>,
    }
    struct Reader {
        handshake: std::sync::Arc<Handshake>,
        text: io::Cursor<Vec<u8>>,
        reads: usize,
    }
    impl Read for Reader {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.reads += 1;
            if self.reads == 2 {
                self.handshake.call.send(()).unwrap();
                let answer = self.handshake.answer.lock().unwrap();
                answer
                    .recv_timeout(std::time::Duration::from_secs(30))
                    .map_err(|_| io::Error::other("the runtime's other task never ran"))?;
            }
            // Small reads, so that the header (read in the task) leaves more to read.
            let n = buf.len().min(512);
            self.text.read(&mut buf[..n])
        }
    }
    impl ImportSource for Source {
        fn name(&self) -> &str {
            "responsive.csv"
        }
        fn open(&self, pass: Pass) -> io::Result<Box<dyn Read + Send>> {
            let text = io::Cursor::new(self.text.clone());
            Ok(match pass {
                Pass::Import => Box::new(Reader {
                    handshake: self.handshake.clone(),
                    text,
                    reads: 0,
                }),
                _ => Box::new(text),
            })
        }
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let env = suite::env(url("responsive").await.unwrap()).await;
        let mut text = String::from(
            "family_name,given_name,family_name_kana,given_name_kana,birth_date,sex,prefecture,\
             municipality_code,address,household,relationship,preferred_language\n",
        );
        for i in 0..200 {
            text.push_str(&format!(
                "山田,太郎,ヤマダ,タロウ,1980-01-15,1,東京都,131041,西新宿2丁目8番{i}号,h{i},head,ja\n"
            ));
        }
        let (call, mut called) = tokio::sync::mpsc::unbounded_channel();
        let (answer_to, answer) = mpsc::channel();
        tokio::spawn(async move {
            called.recv().await;
            answer_to.send(()).unwrap();
        });
        let source = Source {
            text: text.into_bytes(),
            handshake: std::sync::Arc::new(Handshake {
                call,
                answer: std::sync::Mutex::new(answer),
            }),
        };
        // In a task, as the server runs it: `block_on` itself is not on the worker.
        let (app, clerk) = (env.app.clone(), env.clerk.clone());
        let done = tokio::spawn(async move {
            app.import_csv(
                &clerk,
                &source,
                ImportOptions {
                    batch: 50,
                    new_import: false,
                    layout: Layout::New,
                    encoding: None,
                },
                &Quiet,
            )
            .await
            .map_err(|e| e.to_string())
        })
        .await
        .unwrap()
        .unwrap();
        assert_eq!(done.imported, 200);
    });
}
