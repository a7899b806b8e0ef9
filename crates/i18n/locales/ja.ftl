# 日本語: the source catalog. Every other catalog must define every message here
# (crates/i18n/tests/catalogs.rs fails otherwise).

## Catalog metadata
meta-language-name = 日本語
# Which font family renders this language: jp, kr, sc, latin or deva.
meta-script = jp

## Shared values
date = {$year}年{$month}月{$day}日
# 和暦 (the Japanese era): 元年 for an era's first year.
date-era = {$era ->
    [1] 明治
    [2] 大正
    [3] 昭和
    [4] 平成
   *[5] 令和
}{$year ->
    [1] 元
   *[other] {$year}
}年{$month}月{$day}日
sex-male = 男
sex-female = 女
relationship-head = 世帯主
relationship-spouse = 妻・夫
relationship-child = 子
relationship-child-in-law = 子の配偶者
relationship-parent = 父母
relationship-grandparent = 祖父母
relationship-grandchild = 孫
relationship-sibling = 兄弟姉妹
relationship-other-relative = その他の親族
relationship-cohabitant = 同居人

## Field labels
field-name = 氏名
field-name-kana = フリガナ
field-alias = 通称
field-birth-date = 生年月日
field-sex = 性別
field-address = 住所
field-previous-address = 前住所
field-relationship = 続柄
field-householder = 世帯主
field-individual-number = 個人番号
field-resident-code = 住民票コード
field-nationality = 国籍・地域
field-status-of-residence = 在留資格
field-period-of-stay = 在留期間の満了日
field-became-resident = 住民となった日
field-issuer = 発行した市区町村
field-issue-date = 発行日
field-application-id = 申請書ID

## 個人番号通知書 (Individual Number notification)
notice-title = 個人番号通知書
notice-intro = あなたの個人番号（マイナンバー）をお知らせします。この番号は一生使う大切な番号です。
notice-not-proof = この通知書は、あなたの身分や個人番号を証明するものではありません。本人確認書類や個人番号の証明として使うことはできず、事業者も受け取ることができません。
notice-keep = この通知書は再発行されません。大切に保管してください。なくした場合は、個人番号が記載された住民票の写しか、マイナンバーカードで番号を確認できます。
notice-apply-heading = マイナンバーカードの申請方法
notice-apply-mail = 郵送：同封の交付申請書に顔写真を貼り、署名して返信用封筒で送ってください。
notice-apply-online = オンライン：交付申請書のQRコードをスマートフォンで読み取るか、申請サイトで23桁の申請書IDを入力し、顔写真を登録してください。
notice-apply-counter = 窓口：この通知書と交付申請書を持って、市区町村の窓口へお越しください。
notice-apply-free = 初めてのカードの発行は無料です。受け取りの日時と場所は、後日お知らせします。

## 交付申請書 (card application form)
form-title = 個人番号カード交付申請書
form-photo = 顔写真（縦4.5cm×横3.5cm）
form-photo-rules = 6か月以内に撮影した、正面・無帽・無背景の写真を貼ってください。裏面に氏名と生年月日を書いてください。
form-signature = 申請者署名
form-application-date = 申請日
form-online = スマートフォンで読み取るとオンラインで申請できます
form-moved = 氏名や住所が変わった場合、この申請書は使えません。市区町村で新しい申請書を受け取ってください。

## 個人番号カード交付通知書 (card issue notice)
issue-title = 個人番号カード交付通知書
issue-intro = あなたのマイナンバーカードができました。受取期限までに、ご本人が窓口で受け取ってください。
field-pick-up-by = 受取期限
field-pick-up-place = 受取場所
field-card-expiry = カードの有効期限
field-card-serial = カード番号
issue-counter = 市区町村の窓口
issue-bring-heading = 受け取りに持ってくるもの
issue-bring-notice = この通知書
issue-bring-identity = 本人確認書類：顔写真付きのもの1点（運転免許証、パスポート、在留カードなど）、または顔写真のないもの2点（健康保険の資格確認書、年金手帳、学生証、社員証など）
issue-bring-old-card = お持ちの方は、通知カード、住民基本台帳カード、今お使いのマイナンバーカード
issue-pins-heading = 暗証番号を決めてからお越しください
issue-pin-signature = 署名用電子証明書の暗証番号：英字（A～Z）と数字（0～9）を組み合わせた6～16文字。英字と数字をそれぞれ1つ以上使います。5回続けて間違えるとロックされます。
issue-pin-four = 利用者証明用電子証明書・住民基本台帳・券面事項入力補助の暗証番号：数字4桁。3つとも同じ番号にできます。3回続けて間違えるとロックされます。
issue-no-pins = 顔認証マイナンバーカードには暗証番号を設定しません。
issue-proxy = 病気などでご本人が来られない場合は、受取期限までに市区町村へご相談ください。

## 個人番号カード有効期限通知書 (renewal notice)
renewal-title = 個人番号カード有効期限通知書
renewal-intro = あなたのマイナンバーカードの有効期限が近づいています。
field-renewal-from = 更新を申請できる日
renewal-how = 有効期限の3か月前から更新を申請できます。同封の交付申請書で、郵送、オンライン、証明写真機、または窓口から申請してください。更新は無料です。
renewal-return = 新しいカードを受け取るときに、今のカードを返してください。有効期限を過ぎると、カードも電子証明書も使えなくなります。
cert-renewal-title = 電子証明書有効期限通知書
cert-renewal-intro = あなたのマイナンバーカードに記録された電子証明書の有効期限が近づいています。カードの有効期限は、まだ先です。
field-signature-certificate-expiry = 署名用電子証明書の有効期限
field-authentication-certificate-expiry = 利用者証明用電子証明書の有効期限
cert-renewal-how = 有効期限の3か月前から、お住まいの市区町村の窓口で更新できます。マイナンバーカードと本人確認書類を持って来てください。窓口で暗証番号を入力します。更新は無料です。
cert-renewal-lapse = 有効期限を過ぎると、電子証明書を使うオンラインの手続や、コンビニでの証明書の取得ができなくなります。カードは、有効期限まで本人確認書類として使えます。

## 住民票の写し / 住民票記載事項証明書
record-title-copy = 住民票の写し
record-title-matters = 住民票記載事項証明書
record-certify-copy = この写しは、住民票の原本と相違ないことを証明します。
record-certify-matters = 上記の事項が住民票に記載されていることを証明します。
record-members = 世帯の構成員
record-omitted = 請求のなかった事項は省略しています。
record-removed = この住民票は消除されています（除票）。
record-verification-code = 検証コード
record-verify-how = QRコードを読み取るか、{$url} で検証コードを入力すると、この証明書が改ざんされていないことを確認できます。

## 検証ページ (verification page)
verify-title = 証明書の検証
verify-genuine = この証明書は発行されたものです。内容は以下のとおりです。
verify-unknown = この検証コードの証明書は見つかりません。偽造の可能性があります。
verify-file-genuine = このファイルは発行されたときのままで、改ざんされていません。
verify-file-altered = このファイルは発行後に変更されたか、この市区町村が発行したものではありません。

## 公開ページ (トップページと証明書の検証): 住民が読む説明。事実の出典は spec/facts.md §2, §5, §7。
public-site-name = マイナンバー(個人番号)
public-skip = 本文へ移動
public-language = 言語
public-not-official = このサイトは、マイナンバー制度をオープンソースで実装したシステムです。国や市区町村の公式サイトではありません。
public-home-link = トップページ
public-contents = このページの内容
public-home-title = マイナンバー(個人番号)とは
public-home-lead = マイナンバーは、住民票のある人に一人一つずつ付けられる12桁の番号です。外国籍の人も、住民票があれば番号が付けられます。社会保障、税、災害対策などの行政の手続きで使われます。
public-notice-title = 個人番号通知書が届いたら
public-notice-text = 番号が付けられると、「個人番号通知書」が郵便で届きます。番号を知らせるための書類で、番号や本人であることの証明には使えません。大切に保管してください。マイナンバーカードの交付申請書が同封されています。
public-card-title = マイナンバーカード
public-card-text = 顔写真の付いたカードで、本人確認の書類として使えます。カードの電子証明書を使って、オンラインで手続きができます。初めてのカードの手数料は無料です。
public-apply-title = カードの申請のしかた
public-apply-text = 交付申請書を使って、郵便、パソコン、スマートフォン、まちなかの証明写真機から申請できます。申請からおよそ1か月後に交付通知書が届きます。交付通知書と本人確認書類を持って市区町村の窓口に行き、カードを受け取ります。暗証番号は受け取るときに設定します。
public-lost-title = カードをなくしたとき
public-lost-text = すぐに電話でカードの一時停止をしてください。一時停止は、24時間365日受け付けています。
public-lost-phone = マイナンバー総合フリーダイヤル: 0120-95-0178(音声ガイダンスの2番)
public-lost-phone-foreign = 外国語(英語・中国語・韓国語・スペイン語・ポルトガル語): 0120-0178-27
public-lost-next = 外でなくしたときは、警察にも届け出て、受理番号を控えてください。カードが見つかったら、市区町村の窓口で一時停止を解除します(電話ではできません)。見つからないときは、窓口で届け出て、再交付を申請します(手数料{$fee}円)。
public-verify-title = 証明書を確かめる
public-verify-text = 市区町村が発行した住民票の写しなどは、書類に印刷された検証コードで、発行されたものかどうかを確かめられます。
public-verify-link = 検証コードを入力する
public-verify-lead = 書類に印刷された16文字の検証コードを入力してください。
public-verify-hint = 例: K7QM-2XRT-9B4D-HW3P
public-verify-button = 確かめる
public-staff-title = 職員の方へ
public-staff-desk = 窓口画面(職員のログイン)
public-staff-api = API リファレンス
dev-title = サービス事業者の方へ: マイナンバーカードでのログインと電子署名
dev-lead = このシステムは OpenID Connect のプロバイダです。管理者が登録したサービスは、住民にマイナンバーカードでログインしてもらい、文書に電子署名してもらうことができます。個人番号はログインにも署名にも使いません。
dev-register-title = 登録
dev-register-text = 管理者が、貴社の法人番号と役割(利用者証明検証者、署名検証者)、公開鍵(P-256)、リダイレクトURIを登録します。client_id は貴社の組織IDです。クライアント認証は private_key_jwt(ES256)だけで、共有の秘密は使いません。
dev-endpoints-title = この環境のエンドポイント
dev-example-title = 動く例
dev-example-text = 次の Python プログラム(Authlib)は、PKCE と nonce 付きで住民をログインさせ、ID トークンを JWKS で検証して、同意された項目を読みます。client_id、鍵ファイル、リダイレクトURIを置き換えてください。
dev-sign-title = 電子署名
dev-sign-text = 署名検証者として登録された組織は、組織のトークンで文書の SHA-256 を渡して署名トランザクションを始め、scope に openid sign、sign_transaction_id を付けて住民をログインに送ります。ログイン後、結果(署名と署名用電子証明書、希望すれば CMS)を、貴社の鍵あての JWE で受け取ります。
dev-home-link = サービス事業者の方へ(カードでのログインと電子署名)

## API のエラー（公開の API が利用者の言語で返すもの。職員向けは locales/desk/）
api-error-body-too-large = 送信された内容が大きすぎます。
api-error-conflict = 同時にほかの処理が行われました。もう一度お試しください。
api-error-document-not-genuine = この文書は、発行されたときのものではありません。
api-error-forbidden = この操作は、あなたの役割または担当の範囲では行えません。
api-error-import-changed = 取り込み中のファイルが、前回と変わっています。最初から取り込み直してください。
api-error-imported-before = このファイルは、すでに取り込まれています。
api-error-internal-error = 処理中に問題が起きました。時間をおいてもう一度お試しください。問題は記録されています。
api-error-invalid-body = 送信された内容の項目や型が正しくありません。
api-error-invalid-input = 入力内容に問題があります。各項目の説明を確認してください。
api-error-malformed-body = 送信された内容を読み取れませんでした(JSONの形式を確認してください)。
api-error-method-not-allowed = このパスでは、この操作はできません。
api-error-not-found = お探しのものは見つかりません。
api-error-not-verified = 確認できませんでした(署名や証明書が有効ではありません)。
api-error-number-not-current = この個人番号は、現在のものではありません(変更前の番号です)。
api-error-procedure-refused = この記録の今の状態では、この手続きはできません。
api-error-render-failed = 文書を作成できませんでした。問題は記録されています。
api-error-too-many-failures = 認証の失敗が多すぎます。しばらく待ってからお試しください。
api-error-unauthenticated = 有効なトークンが必要です。
api-error-unavailable = 一時的に利用できません。しばらく待ってからお試しください。
api-error-unsupported-media-type = 送信する内容の形式(Content-Type)を確認してください。
api-error-wrong-pin = 暗証番号が違います。残りの回数を確認してください。
problem-verification-code-16-letters = 検証コードは英数字16文字です（例: K7QM-2XRT-9B4D-HW3P）。

# Log-in with the card (issue 12, docs/design/oidc.md).
login-title = マイナンバーカードでログイン
login-asks = { $client } が、あなたがご本人であることの確認を求めています。
login-items-heading = 求められている情報
login-no-items = ご本人であることの確認だけです。ほかの情報は送られません。
login-item-openid = ご本人であることの確認
login-item-name = 氏名
login-item-address = 住所
login-item-birthdate = 生年月日
login-item-gender = 性別
login-item-sign = カードによる電子署名（署名のたびに改めて確認します）
login-item-latest-four = 最新の氏名・住所・生年月日・性別を、変更があったときにこの事業者へ提供すること（1年間。最新基本4情報提供）
login-card-heading = カードで確認する
login-card-text = 認証アプリを起動してカードを読み取り、利用者証明用電子証明書の暗証番号（数字4桁）を入力してください。アプリに次の確認番号が表示されることを確かめてください。
login-confirmation = 確認番号
login-app-command = パソコンの mynumber アプリでは、次のコマンドを実行します。別の端末のアプリでは、QRコードを読み取ってください。
login-qr-label = 認証アプリで読み取るQRコード
login-waiting = カードでの確認を待っています。アプリで完了したら「次へ」を押してください。
login-continue = 次へ
login-consent-heading = 情報を送りますか
login-consent-text = カードでご本人であることを確認しました。同意すると、{ $client } に上の情報が送られます。
login-agree = 同意して続ける
login-decline = 送らない
login-finished = このログインは終わっています。このページは閉じてかまいません。
login-expired = このログインは時間切れになりました。サービスに戻って、もう一度始めてください。
login-other-browser = このログインは別のブラウザで始められました。始めたブラウザで続けてください。
login-not-found = このログインは見つかりません。サービスに戻って、もう一度始めてください。
login-bad-request = サービスからの要求に誤りがあるため、ログインを始められません。サービスに戻ってください。
login-bad-client = このサービスは登録されていないか、戻り先が登録と一致しないため、ログインを始められません。
login-failed = ログインを処理できませんでした。しばらくしてから、もう一度お試しください。
login-logged-out = ログアウトしました。このシステムはログインのたびにカードで確認するため、残っているログイン状態はありません。

## Prints on plain paper: the seal certificate, the back (scramble image) and its inquiry page
seal-certificate-title = 印鑑登録証明書
seal-certificate-certify = この写しは、登録されている印影と相違ないことを証明します。
field-seal-impression = 印影
back-heading = 裏面：表面の内容を暗号化した画像（スクランブル画像）
back-how = この面をスキャンして {$url} で送ると、発行されたときの表面の内容が表示されます。手元の表面と見比べて、書き換えられていないことを確かめてください。
public-back-title = 裏面の画像で確かめる
public-back-lead = コンビニなどで印刷された証明書の裏面をスキャンして送ると、発行されたときの表面の内容が表示されます。手元の表面と一字ずつ見比べてください。
public-back-file = 裏面のスキャン
public-back-hint = PNG、JPEG または PDF。裏面全体を 300 dpi 以上でスキャンしてください。
public-back-submit = 読み取る
public-back-genuine = この裏面は、このシステムが発行したものです。発行されたときの表面の内容は次のとおりです。
public-back-withheld = 印刷されています（この画面には表示しません）
public-back-person = 記載されている人
problem-back-format = PNG、JPEG または PDF のファイルを送ってください。
problem-back-too-large = ファイルが大きすぎます（{$max_mib} MiB まで、4,000 万画素まで）。解像度を 300〜600 dpi にしてスキャンしてください。
problem-back-no-image = この PDF にはスキャンした画像がありません。スキャナーで作った PDF か、画像ファイルを送ってください。
problem-back-damaged = ファイルが壊れていて、画像として読めません。
problem-back-no-symbols = 裏面の画像が見つかりません。裏面全体を 300 dpi 以上でスキャンしてください。
problem-back-front-side = 表面がスキャンされています。裏面をスキャンしてください。
problem-back-incomplete = 裏面の画像の一部しか読み取れません（{$count} 個中 {$found} 個）。折り目や汚れのない状態で、裏面全体をスキャンしてください。
problem-back-mixed = 2 枚以上の証明書の裏面が写っています。1 枚ずつスキャンしてください。
problem-back-tampered = この裏面は書き換えられているか、このシステムが発行したものではありません。

## あなたの情報（マイナポータル、issue 14、docs/design/portal.md）
portal-title = あなたの情報
portal-lead = マイナンバーカードでログインすると、あなたの住民票、カードと電子証明書、行政機関があなたの情報をやりとりした記録、職員や機関があなたの記録を扱った記録を確かめられます。ログインに個人番号は使いません。
portal-login-button = マイナンバーカードでログイン
portal-login-asks = このシステムの「あなたの情報」にログインするため、カードでご本人であることを確認します。
portal-logout = ログアウト
portal-logged-out = ログアウトしました。
portal-nav-label = あなたの情報のページ
portal-nav-info = わたしの情報
portal-nav-exchanges = やりとり履歴
portal-nav-access = アクセス記録
portal-session-ended = ログインの時間が過ぎました。もう一度ログインしてください。
portal-record-heading = 住民票
portal-household-heading = 世帯
portal-cards-heading = マイナンバーカード
portal-cards-none = マイナンバーカードはありません。
portal-card-status = 状態
portal-card-active = 使用中
portal-card-produced = 受け取り待ち
portal-card-suspended = 一時停止中
portal-card-ended = 使用終了
portal-certificates-heading = 電子証明書
portal-certificates-none = 電子証明書はありません。
portal-certificate-signature = 署名用電子証明書
portal-certificate-authentication = 利用者証明用電子証明書
portal-certificate-good = 有効
portal-certificate-held = 一時保留中
portal-certificate-revoked = 失効
portal-valid-until = 有効期限
portal-exchanges-lead = 行政機関が、情報提供ネットワークシステムを通じて、あなたの情報をやりとりした記録です。個人番号ではなく、機関ごとの符号で照会されています。
portal-exchanges-none = やりとりの記録はありません。
portal-exchanges-hidden = このほかに、提供した機関が不開示とした記録が { $count } 件あります。その内容は表示しません。
portal-col-when = 日時
portal-col-requester = 照会した機関
portal-col-provider = 提供した機関
portal-col-procedure = 事務
portal-col-item = 情報
portal-col-outcome = 結果
portal-outcome-provided = 提供されました
portal-outcome-not-found = 該当する情報はありませんでした
portal-item-resident-household = 住民票関係情報
portal-item-local-tax = 地方税関係情報
portal-item-child-allowance = 児童手当関係情報
portal-procedure-child-allowance = 児童手当の支給
portal-procedure-national-health-insurance = 国民健康保険の保険料
portal-procedure-school-expense-aid = 就学援助
portal-procedure-national-pension = 国民年金の保険料の免除
portal-procedure-self-disclosure = ご本人への情報の提供
portal-access-lead = 職員や機関があなたの記録、個人番号、カードを扱った記録です。台帳に、後から書き換えられない形で記録されています。
portal-access-none = 記録はありません。
portal-col-who = だれが
portal-col-action = 何を
portal-col-purpose = 目的
portal-col-where = 記録した所
portal-who-staff = 職員
portal-who-agency = 行政機関
portal-who-relying-party = 事業者
portal-who-resident = あなた
portal-who-kiosk = コンビニの端末
portal-who-system = システム
portal-action-number-read = 個人番号を見ました
portal-action-number-lookup = 個人番号から記録を探しました
portal-action-record-read = 住民票を見ました
portal-action-agency-code-issued = 行政機関に符号を発行しました
portal-action-card-login-authenticated = カードでログインしました
portal-action-access-history-read = アクセス記録を見ました
portal-action-exchange-history-read = やりとり履歴を見ました
portal-action-access-history-receipt = アクセス記録の証明を受け取りました
portal-action-portal-signed-in = あなたの情報にログインしました
portal-action-own-record-read = あなたの情報を見ました
portal-action-portal-card-authenticated = あなたの情報へのログインでカードを確認しました
portal-action-portal-signed-out = あなたの情報からログアウトしました
portal-action-card-applied = カードの交付申請を受け付けました
portal-action-card-produced = カードを作りました
portal-action-card-handed-over = カードを交付しました
portal-action-certificate-issued = 電子証明書を発行しました
portal-action-import = 住民票を登録しました
portal-action-other = その他の処理（{ $code }）
portal-receipt-heading = 記録の証明
portal-receipt-text = この記録を、このシステムの台帳の鍵で署名した証明として受け取れます。保存しておくと、後で記録が書き換えられていないことを確かめられます。
portal-receipt-download = 証明をダウンロード
portal-check-heading = 保存した証明を確かめる
portal-check-text = 以前に受け取った証明のファイルを選ぶと、署名と、記録が今も同じであることを確かめます。
portal-check-file = 証明のファイル
portal-check-button = 確かめる
portal-check-intact = この証明は本物で、証明にある { $count } 件の記録はすべて今も同じです。
portal-check-altered = この証明は本物ですが、証明にある記録のうち { $count } か所が今は違っています。市区町村にお問い合わせください。
portal-check-invalid = このファイルは、このシステムが発行した証明として確かめられません。
portal-suspend-heading = カードをなくしたとき
portal-suspend-text = カードをなくしたときは、ここですぐにカードを一時停止できます（24時間いつでも）。カードの電子証明書も使えなくなります。見つかったら、市区町村の窓口で再開の手続きをしてください。
portal-suspend-button = カードを一時停止する
portal-suspend-done = カードを一時停止しました。電子証明書も使えなくなっています。見つかったら、市区町村の窓口で再開できます。
portal-nav-data = 行政機関の情報
portal-data-lead = 行政機関が持っているあなたの情報を、情報提供ネットワークシステムを通じて取り寄せて表示します。取り寄せたことは、やりとり履歴に記録されます。
portal-data-none = 取り寄せられる情報はありません。
portal-data-from = 提供した機関
portal-field-relationship = 世帯主との続柄
portal-field-head-name = 世帯主の氏名
portal-field-household-size = 世帯員の数
portal-field-resident-since = 住民となった年月日
portal-field-fiscal-year = 課税年度
portal-field-total-income = 総所得金額等（円）
portal-field-taxable-income = 課税標準額（円）
portal-field-income-levy = 所得割額（円）
portal-field-per-capita-levy = 均等割額（円）
portal-field-dependants = 扶養親族の数
portal-field-non-taxable = 非課税
portal-field-status = 受給状況
portal-field-children = 支給対象児童の数
portal-field-monthly-amount = 支給月額（円）
portal-field-since = 支給開始年月日
portal-value-yes = はい
portal-value-no = いいえ
portal-value-paying = 支給中
portal-value-suspended = 支給停止中
portal-value-ended = 支給終了
portal-nav-notices = お知らせ
portal-notices-none = お知らせはありません。
portal-notices-unread = 未読のお知らせが { $count } 件あります。
portal-notice-unread = 未読
portal-notice-card-expiry = マイナンバーカードの有効期限が近づいています
portal-notice-card-expiry-text = あなたのマイナンバーカードの有効期限は { $date } です。更新の手続きができます。市区町村の窓口でお手続きください。
portal-notice-certificate-expiry = 電子証明書の有効期限が近づいています
portal-notice-certificate-expiry-text = あなたの電子証明書の有効期限は { $date } です。更新の手続きができます。市区町村の窓口でお手続きください。
portal-nav-consents = 同意
portal-consents-lead = あなたがカードでのログインの際に、最新の氏名・住所・生年月日・性別を変更のたびに受け取ることに同意した事業者です（最新基本4情報提供、同意から1年間）。いつでも取り消せます。
portal-consents-none = 同意している事業者はありません。
portal-consent-to = 同意した事業者
portal-consent-withdraw = 同意を取り消す
portal-consent-withdrawn = 同意を取り消しました。この事業者には、あなたの最新の情報はもう提供されません。
login-item-self-resident-household = 行政機関が持つあなたの住民票関係情報（世帯）の取得（取り消すまで、最長90日）
login-item-self-local-tax = 行政機関が持つあなたの地方税関係情報（課税所得・税額）の取得（取り消すまで、最長90日）
login-item-self-child-allowance = 行政機関が持つあなたの児童手当関係情報の取得（取り消すまで、最長90日）
login-self-legend = { $client } が取得してよい情報
login-self-hint = 渡したくない情報のチェックを外してください。同意はあなたの情報の「同意」のページでいつでも取り消せます。
portal-letters-heading = 届く書類の言語
portal-letters-label = 書類の言語
portal-letters-hint = 市区町村から届く通知書などに、日本語と並べて載せる言語です。
portal-letters-button = 言語を変更する
portal-letters-set = 書類の言語を保存しました。これから届く書類はこの言語でも書かれます。
portal-apps-heading = あなたの情報を取得できるアプリ
portal-apps-lead = カードでのログインの際に、行政機関が持つあなたの情報の取得を認めたアプリです（自己情報取得API）。認めた情報だけを、期限まで取得できます。いつでも取り消せます。
portal-apps-none = あなたの情報の取得を認めたアプリはありません。
portal-app = アプリ
portal-app-items = 取得できる情報
portal-action-language-change = 書類の言語を変更しました
portal-action-app-granted = アプリにあなたの情報の取得を認めました
portal-action-self-information-read = アプリがあなたの情報を取得しました
portal-action-app-grant-withdrawn = アプリへの取得の許可を取り消しました
portal-action-app-grants-ended = カードの停止・廃止に伴い、アプリへの取得の許可を取り消しました
