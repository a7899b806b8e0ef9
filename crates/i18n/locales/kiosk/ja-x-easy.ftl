# The kiosk's screens (コンビニ交付, issue 13): やさしい にほんご. docs/design/kiosk.md.

## Catalog metadata
meta-language-name = やさしい にほんご
meta-script = jp

## Screens
kiosk-title = コンビニで しょうめいしょを だす
kiosk-choose-language = ことばを えらんで ください
kiosk-start = はじめる
kiosk-cancel = やめる
kiosk-next = つぎへ
kiosk-insert-card = マイナンバーカードを カードリーダーに おいて ください。
kiosk-card-placed = おきました
kiosk-no-card = カードが よめません。むきを たしかめて、もう いちど おいて ください。
kiosk-pin-title = あんしょうばんごう（すうじ 4けた）を おして ください
kiosk-pin-hint = カードの あんしょうばんごうです。ほかの ひとに みられない ように して ください。
kiosk-pin-entered = {$count}けた いれました
kiosk-pin-delete = 1けた けす
kiosk-pin-ok = けってい
kiosk-pin-wrong = あんしょうばんごうが ちがいます。あと {$tries}かい まちがえると カードが つかえなく なります。
kiosk-pin-blocked = あんしょうばんごうが ロック されました。しやくしょの まどぐちで なおして ください。
kiosk-document-title = しょうめいしょを えらんで ください
kiosk-document-resident-record-copy = じゅうみんひょうの うつし
kiosk-document-resident-record-items = じゅうみんひょうに かいてある ことの しょうめいしょ
kiosk-document-seal-certificate = いんかん とうろく しょうめいしょ
kiosk-options-title = かく ことと まいすう
kiosk-option-household = せたいの みんな
kiosk-option-householder = せたいぬしと かんけい
kiosk-option-number = こじん ばんごう（マイナンバー）
kiosk-option-on = かく
kiosk-option-off = かかない
kiosk-option-change = かえる
kiosk-copies = まいすう
kiosk-copies-more = 1まい ふやす
kiosk-copies-fewer = 1まい へらす
kiosk-confirm-title = ないようを たしかめて ください
kiosk-fee = おかね
kiosk-yen = {$yen}えん
kiosk-pay = おかねを はらう
kiosk-pay-title = おかねを いれて ください
kiosk-pay-insert = {$yen}えん いれた
kiosk-done-title = しょうめいしょを とって ください
kiosk-take-card = カードを わすれないで ください。
kiosk-printed-code = かくにん コード
kiosk-finish = おわる
kiosk-timeout = なにも しなかったので おわりました。カードを とって ください。
kiosk-refused = この しょうめいしょは だせません: {$reason}
kiosk-unavailable = いまは だせません。あとで もう いちど ためして ください。
kiosk-print-failed = いんさつ できませんでした。おかねは かかりません。もう いちど いんさつ します。
kiosk-reprint = もう いちど いんさつ
kiosk-number-note = こじん ばんごうは あなたが もとめた ときだけ かきます。
kiosk-step = {$step} / 5
kiosk-not-ready = この きかいは つかえません。
kiosk-idle-warning = もうすぐ おわります。つづける ときは がめんに さわって ください。
kiosk-continue = つづける
