# The kiosk's screens (コンビニ交付, issue 13): 日本語. docs/design/kiosk.md.

## Catalog metadata
meta-language-name = 日本語
meta-script = jp

## Screens
kiosk-title = 証明書のコンビニ交付
kiosk-choose-language = 言語を選んでください
kiosk-start = はじめる
kiosk-cancel = やめる
kiosk-next = 次へ
kiosk-insert-card = マイナンバーカードを、カードリーダーに置いてください。
kiosk-card-placed = 置きました
kiosk-no-card = カードを読み取れません。向きを確かめて、もう一度置いてください。
kiosk-pin-title = 暗証番号（数字4けた）を押してください
kiosk-pin-hint = 利用者証明用電子証明書の暗証番号です。まわりの人に見られないように押してください。
kiosk-pin-entered = {$count} けた入力しました
kiosk-pin-delete = 1けた消す
kiosk-pin-ok = 決定
kiosk-pin-wrong = 暗証番号が違います。残り {$tries} 回間違えると、カードがロックされます。
kiosk-pin-blocked = 暗証番号がロックされています。市区町村の窓口で設定し直してください。
kiosk-document-title = 証明書を選んでください
kiosk-document-resident-record-copy = 住民票の写し
kiosk-document-resident-record-items = 住民票記載事項証明書
kiosk-document-seal-certificate = 印鑑登録証明書
kiosk-options-title = 記載する項目と部数
kiosk-option-household = 世帯全員
kiosk-option-householder = 世帯主と続柄
kiosk-option-number = 個人番号（マイナンバー）
kiosk-option-on = 記載する
kiosk-option-off = 記載しない
kiosk-option-change = 切り替える
kiosk-copies = 部数
kiosk-copies-more = 1部増やす
kiosk-copies-fewer = 1部減らす
kiosk-confirm-title = 内容を確かめてください
kiosk-fee = 手数料
kiosk-yen = {$yen} 円
kiosk-pay = 支払いへ進む
kiosk-pay-title = 料金を入れてください
kiosk-pay-insert = {$yen} 円を入れた
kiosk-done-title = 証明書を受け取ってください
kiosk-take-card = カードを取り忘れないでください。
kiosk-printed-code = 検証コード
kiosk-finish = 終わる
kiosk-timeout = 操作がなかったので、終わりました。カードを取ってください。
kiosk-refused = この証明書は出せません: {$reason}
kiosk-unavailable = いまは証明書を出せません。しばらくしてから、もう一度お試しください。
kiosk-print-failed = 印刷できませんでした。料金はかかりません。もう一度印刷します。
kiosk-reprint = もう一度印刷する
kiosk-number-note = 個人番号は、ご本人の求めによって記載します。
kiosk-step = 手順 {$step} / 5
kiosk-not-ready = この端末は使えません（センターにつながりません）。
kiosk-idle-warning = まもなく終わります。続けるときは画面に触れてください。
kiosk-continue = 続ける
