# 職員画面 (窓口・コールセンター): 日本語。これが原文で、ほかの言語はこれに合わせる。

## Catalog metadata
meta-language-name = 日本語
meta-script = jp

## 日付と時刻 (日本時間)
date = {$year}年{$month}月{$day}日
date-time = {$year}年{$month}月{$day}日 {$hour}時{$minute}分
# 日本人の生年月日に添える和暦（元年は「元」）。
date-with-era = {$date}（{$era ->
    [1] 明治
    [2] 大正
    [3] 昭和
    [4] 平成
   *[5] 令和
}{$year ->
    [1] 元
   *[other] {$year}
}年）

## 共通
desk-system-name = マイナンバー 窓口システム
desk-skip-to-content = 本文へ移動
desk-language = 表示言語
desk-signed-in-as = {$name}({$role})
desk-sign-out = ログアウト
desk-nav-home = ホーム
desk-nav-search = 住民の検索
desk-footer-design = 画面はデジタル庁デザインシステムのデザイントークンに基づいています。
desk-error-summary-title = 入力内容を確認してください
desk-error-summary-count = { $count ->
    [one] 1件の問題があります。
   *[other] {$count}件の問題があります。
}
desk-required = 必須
desk-submit = 送信

## 役割
role-administrator = 管理者
role-auditor = 監査担当
role-call-center-operator = コールセンター担当
role-registry-clerk = 住民記録担当

## ログイン
desk-sign-in-title = ログイン
desk-sign-in-lead = ログイン名、パスワード、認証アプリに表示される6桁のコードを入力してください。
desk-login = ログイン名
desk-password = パスワード
desk-code = 確認コード(6桁)
desk-code-hint = 認証アプリに表示されている数字です。30秒ごとに変わります。
desk-sign-in-button = ログインする
desk-sign-in-wrong = ログイン名、パスワード、確認コードのいずれかが正しくありません。
desk-sign-in-locked = 失敗が続いたため、このログイン名は{$time}まで使えません。
desk-sign-in-ended = セッションが終了しました。もう一度ログインしてください。
desk-signed-out = ログアウトしました。
desk-no-login-yet = はじめて使う方は、管理者から受け取ったトークンで登録してください。
desk-enrol-link = ブラウザ用ログインを登録する

## 登録
desk-enrol-title = ブラウザ用ログインの登録
desk-enrol-lead = 管理者から受け取ったトークンで本人を確認し、ログイン名とパスワードを決めます。次の画面で認証アプリを設定します。
desk-token = トークン
desk-token-hint = 「mn_」で始まる文字列です。画面にも記録にも残りません。
desk-password-hint = 12文字以上。ログイン名を含めないでください。
desk-enrol-next = 次へ
desk-enrol-app-title = 認証アプリの設定
desk-enrol-app-lead = 認証アプリ(Google Authenticator、Microsoft Authenticator など)で二次元コードを読み取るか、次のキーを入力してください。
desk-enrol-key = キー
desk-enrol-qr-alt = 認証アプリに読み取らせる二次元コード
desk-enrol-confirm = 登録を完了する
desk-enrolled = 登録しました。認証アプリのコードが次に変わったら、新しいコードでログインしてください。

## ホームと検索
desk-home-title = ホーム
desk-home-lead = {$name}さん、こんにちは。住民を検索して記録を確認できます。
desk-search-title = 住民の検索
desk-search-lead = 氏名(漢字・カナ・ローマ字)または通称の先頭、生年月日のどちらか、または両方で探します。かなの大小や濁点、ローマ字の大文字小文字や空白は区別しません。
desk-search-name = 氏名・フリガナ・ローマ字・通称
desk-search-birth = 生年月日
desk-search-button = 検索する
desk-search-results = 検索結果
desk-search-count = { $count ->
    [0] 該当する住民はいません。
   *[other] {$count}人が該当します。
}
desk-search-more = ほかにも該当する住民がいます。生年月日や氏名の続きで絞り込んでください。
desk-search-recorded = 表示した記録は、閲覧として記録されます。
desk-search-need = 氏名か生年月日を入力してください。

## 住民票
desk-resident-title = 住民の記録
desk-resident-code = 住民票コード
desk-name = 氏名
desk-kana = フリガナ
desk-latin = ローマ字
desk-alias = 通称
desk-birth = 生年月日
desk-sex = 性別
desk-address = 住所
desk-municipality = 市区町村コード
desk-relationship = 続柄
desk-household = 世帯
desk-status = 状態
desk-status-active = 記録中
desk-status-removed = 消除
desk-history = 異動の履歴
desk-version = 版
desk-procedure = 異動
desk-effective = 異動日
desk-recorded = 記録日時
desk-recorded-by = 記録した職員
desk-nationality = 国籍
desk-nationality-value = {$name}（{$code}）
desk-status-of-residence = 在留資格
desk-period-of-stay = 在留期間の満了日
desk-read-recorded = この記録の閲覧は記録されています。

## エラー
desk-error-title = 表示できません
desk-error-denied = この操作は、あなたの役割または担当の市区町村では行えません。
desk-error-not-found = お探しのページや記録は見つかりません。
desk-error-conflict = 同時にほかの処理が行われました。もう一度お試しください。
desk-error-internal = 処理中に問題が起きました。時間をおいてもう一度お試しください。問題は記録されています。
desk-error-csrf = 画面の有効期限が切れました。ページを読み込み直して、もう一度操作してください。
desk-error-back = ホームに戻る

## 入力の問題
field-login = ログイン名は、英小文字で始まる3〜32文字の英小文字・数字・「.」「-」「_」で入力してください。
field-login-taken = このログイン名はほかの職員が使っています。別の名前にしてください。
field-password = パスワードは12〜128文字で、ログイン名を含めないでください。
field-token = トークンが正しくないか、有効期限が切れています。
field-code = 確認コードが正しくありません。認証アプリに表示されている最新の6桁を入力してください。
field-enrolment-ended = 登録の有効期限が切れました。最初からやり直してください。
field-birth = 生年月日は、存在する日付で入力してください。
field-name = 氏名は100文字までで入力してください。

## 異動の種類
procedure-birth = 出生
procedure-foreign-first-registration = 外国人住民の記載
procedure-import = 取込み
procedure-move-in = 転入
procedure-move-in-with-certificate = 転入(転出証明書による)
procedure-migration = 移行
procedure-address-change = 転居
procedure-death = 死亡
procedure-move-abroad = 国外転出
procedure-move-out = 転出
procedure-name-change = 氏名の変更
procedure-language-change = 書類の言語の変更
procedure-period-of-stay-change = 在留期間の変更
procedure-stay-ended = 在留期間の満了
procedure-stay-extension-applied = 在留期間更新の申請
procedure-transfer-in = 転入(消除された記録への記載)

## 性別 (JIS X 0303)
sex-0 = 不明
sex-1 = 男
sex-2 = 女
sex-9 = 適用不能

## 続柄
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

## 個人番号の表示
desk-number-title = 個人番号
desk-number-lead = 個人番号は、法律で定められた事務のためにだけ表示できます。目的を選ぶと、表示したことがその目的とともに記録されます。
desk-number-purpose = 利用目的
desk-number-button = 目的を記録して表示する
desk-number-shown = {$purpose}のために表示しました({$time})。この表示は記録されています。
desk-number-masked = 下4桁
desk-number-reveal = 番号全体を表示する
desk-number-back = 住民の記録に戻る
purpose-social-security = 社会保障
purpose-tax = 税
purpose-disaster-response = 災害対策
field-purpose = 利用目的を選んでください。

## 住民の記載
desk-nav-register = 住民の記載
desk-register-title = 住民の記載(出生・転入・外国人住民)
desk-register-lead = 届出の内容を入力します。日本人は氏名のフリガナが必須です。外国人住民はローマ字の氏名と国籍・在留資格も入力します。登録すると住民票コードと個人番号が付番され、個人番号通知書の送付が予定されます。
desk-register-procedure = 届出の種類
desk-register-effective = 異動日
desk-register-effective-hint = 空欄のときは、出生なら生年月日、それ以外は今日です。
desk-family-name = 氏
desk-given-name = 名
desk-family-kana = 氏のフリガナ
desk-given-kana = 名のフリガナ
desk-kana-hint = カタカナで入力します。
desk-latin-hint = 外国人住民は必須です(パスポートの表記)。
desk-prefecture = 都道府県
desk-municipality-hint = 全国地方公共団体コード(6桁)。
desk-address-rest = 町名・番地
desk-household-member = 同じ世帯の人の住民票コード
desk-household-member-hint = 既存の世帯に入る場合に入力します。空欄なら新しい世帯の世帯主になります。
desk-preferred-language = 通知の言語
desk-preferred-language-hint = 個人番号通知書などの書類に添える言語です。
desk-foreign-items = 外国人住民の記載事項
desk-foreign-items-lead = 日本国籍の方は空欄のままにします。
desk-nationality-hint = 国・地域のコード(ISO 3166、例: VN、BR)。
desk-residence-card = 在留カード番号
desk-register-button = 記載する
desk-registered = 記載しました。住民票コードと個人番号を付番し、個人番号通知書の送付を予定しました。
field-invalid = この項目を確認してください。
field-family_name = 氏を入力してください(100文字まで、使えない文字を除く)。
field-given_name = 名を確認してください(100文字まで)。
field-family_name_kana = 氏のフリガナをカタカナで入力してください(日本人は必須)。
field-given_name_kana = 名のフリガナをカタカナで入力してください(日本人は必須)。
field-latin_name = ローマ字の氏名を入力してください(外国人住民は必須)。
field-alias = 通称を確認してください(外国人住民のみ)。
field-birth_date = 生年月日は、今日までの存在する日付で入力してください。
field-sex = 性別を選んでください。
field-prefecture = 都道府県を確認してください(市区町村コードと合っている必要があります)。
field-municipality_code = 市区町村コードは、検査数字を含む6桁で入力してください。
field-address = 町名・番地を入力してください。
field-relationship = 続柄を選んでください(新しい世帯は世帯主です)。
field-preferred_language = 通知の言語を選んでください。
field-nationality = 国籍は国・地域のコードで入力してください。
field-residence_card_number = 在留カード番号を確認してください(在留資格によっては必須です)。
field-status_of_residence = 在留資格を選んでください。
field-period_of_stay_until = 在留期間の満了日を確認してください(在留資格によっては必須、過ぎた日付は不可)。
field-effective_date = 異動日を確認してください。
field-household = 世帯を確認してください(同じ世帯の人の住民票コード)。
field-household_member = 同じ世帯の人の住民票コードを確認してください。
field-procedure = 届出の種類を選んでください。

## 記載のある住民の異動
desk-procedures = 異動の届出
desk-procedure-title = 異動の届出
desk-procedure-effective-hint = 空欄のときは今日です。
desk-procedure-lead-address-change = 同じ市区町村の中での住所の変更(転居)です。
desk-procedure-lead-name-change = 氏名の変更です。日本人はフリガナも入力します。
desk-procedure-lead-move-out = ほかの市区町村への転出です。転出先で転入届が出されると、転出先が記載します。
desk-procedure-lead-move-abroad = 国外への転出です。
desk-procedure-lead-death = 死亡による消除です。異動日に死亡日を入力します。
desk-destination = 転出先の市区町村コード
desk-with-card-out = マイナンバーカードを提示して届け出た(特例転出)
desk-with-card-abroad = マイナンバーカードを国外で引き続き使う手続きをした(出国前のみ)
desk-procedure-button = 届出を記録する
desk-procedure-recorded = 異動を記録しました。
field-destination_municipality_code = 転出先の市区町村コードを、検査数字を含む6桁で入力してください。
field-procedure-state = この記録の状態では、この届出はできません。

## 住民票の写し
desk-document-title = 住民票の写しの交付
desk-document-lead = 氏名・生年月日・性別・住所のほか、請求された事項だけを記載します。交付した文書は署名され、検証コードで確かめられます。個人番号の記載は、API から本人の請求として行います。
desk-document-kind = 種類
desk-document-copy = 住民票の写し
desk-document-recorded-matters = 住民票記載事項証明書
desk-document-items = 記載する事項
desk-document-button = PDF を交付する
item-household = 世帯全員
item-householder = 世帯主の氏名と続柄
item-previous-address = 前住所
item-became-resident = 住民となった年月日
item-residence-status = 国籍・在留資格・在留期間(外国人住民)
item-resident-code = 住民票コード
field-items = 記載する事項を確認してください。
field-kind = 種類を選んでください。
field-municipality-name = この市区町村には、証明書に印字する名称がまだ設定されていません。管理者に設定を依頼してください。

## 記録(台帳)
desk-nav-ledger = 記録の監査
desk-ledger-title = 記録の監査
desk-ledger-lead = すべての変更と、個人情報・個人番号のすべての閲覧は、改ざんできない記録(ハッシュの連鎖と署名付きチェックポイント)に残ります。個人番号の閲覧は色を付けて示します。
desk-ledger-verify-title = 改ざんの検証
desk-ledger-verify-button = いま検証する
desk-ledger-ok = 検証しました。{$partitions}の区分、{$entries}件の記録に、改ざんや欠落はありません(署名付きチェックポイント{$checkpoints}件と照合)。
desk-ledger-fault = 記録の区分 {$partition} の {$seq} 番目に、改ざんまたは欠落の疑いがあります。
desk-ledger-partition = {$partition} の記録(新しい順)
desk-ledger-seq = 番号
desk-ledger-actor = 行った者
desk-ledger-action = 内容
desk-ledger-person = 対象者(内部ID)
desk-ledger-pages = 記録のページ
desk-ledger-older = 古い記録へ
desk-ledger-newer = 新しい記録へ

## 世帯
desk-household-view = 世帯の全員を見る
desk-household-title = 世帯
desk-household-lead = {$name}さんの世帯の全員です(住所: {$address})。

## コールセンター (紛失・盗難によるカードの一時停止)
desk-nav-calls = カードの一時停止の受付
desk-call-title = カードの一時停止の受付
desk-call-lead = 発信者の言うとおりに入力して照合します。住民の記録は表示されません。1件だけ一致したときに、その人のカードの状態だけが表示されます。
desk-call-language = 通話の言語(台本と案内の言語)
desk-call-language-button = 言語を切り替える
desk-call-caller = 発信者
desk-caller-holder = 本人
desk-caller-family = 家族
desk-caller-representative = 法定代理人
desk-call-name = 氏名(フリガナまたはローマ字)
desk-call-name-hint = 発信者の言うとおりに入力します。漢字ではなく、読みかローマ字で入力してください。
desk-call-address = 住所(市区町村以下)
desk-call-address-hint = 町名と番地まで入力します。建物名と部屋番号は不要です。
desk-call-recorded = 照合したことは記録されます。一致した記録の閲覧も記録されます。
desk-call-find = 照合する
desk-call-result = 照合の結果
desk-call-reference = 受付番号: {$call}
desk-call-found = 一致する記録が1件あります。発信者の同意を得てから、カードを一時停止してください。
desk-call-found-no-card = 一致する記録が1件ありますが、一時停止できるカード(利用中のカード)はありません。
desk-call-not-found = 一致する記録はありません。入力内容を発信者と確認してください。
desk-call-ambiguous = 複数の記録が一致するため、本人を特定できません。このお電話では一時停止できません。
desk-call-suspended = カードを一時停止しました({$time})。署名用電子証明書は失効し、利用者証明用電子証明書は一時保留になりました。
desk-call-cards = カード
desk-call-card-status = 状態
desk-call-card-expiry = 有効期限
desk-card-active = 利用中
desk-card-produced = 交付前
desk-card-suspended = 一時停止中
desk-card-expired = 期限切れ
desk-card-ended = 廃止・返納
desk-call-police = 警察の受理番号(ある場合)
desk-call-police-hint = 遺失届・盗難届の受理番号。英数字とハイフンで30文字まで。
desk-call-confirm = 発信者に一時停止の内容を伝え、同意を得ました
desk-call-open-for = 一時停止は、照合から{$minutes}分以内に行ってください。
desk-call-suspend = カードを一時停止する
desk-call-next-steps = 発信者への案内(印刷用)を表示する
desk-call-new = 次の電話を受ける
desk-call-sheet-title = 発信者への案内
desk-call-sheet-lead = 通話の言語で表示しています。読み上げるか、印刷して送付してください。
desk-call-error-name = 氏名を、フリガナかローマ字で入力してください(100文字まで)。
desk-call-error-prefecture = 都道府県を選んでください。
desk-call-error-address = 町名と番地を入力してください。
desk-call-error-caller = 発信者を選んでください。
desk-call-error-confirm = 発信者の同意を得たら、確認のチェックを入れてください。
desk-call-error-police = 受理番号は、英数字とハイフンで30文字までで入力してください。
desk-call-error-expired = 照合から時間がたったため、一時停止できません。もう一度照合してください。
desk-call-error-no-card = 利用中のカードがありません(すでに一時停止されたか、廃止されています)。もう一度照合してください。

## 個人番号の変更 (番号法第7条第2項: 依頼と、別の職員による承認)
desk-nav-number-changes = 番号変更の承認
desk-number-change-link = 個人番号の変更を依頼する
desk-number-change-title = 個人番号の変更の依頼
desk-number-change-lead = 個人番号が漏えいし、不正に使われるおそれがあるときに、番号を変更します(番号法第7条第2項)。依頼した職員とは別の職員が承認するまで、番号は変わりません。
desk-number-change-ground = 変更の根拠
desk-ground-person-request = 本人の請求
desk-ground-ex-officio = 職権
desk-number-change-reason = 理由
desk-number-change-reason-hint = どのように漏えいし、なぜ不正に使われるおそれがあるのかを書きます。
desk-number-change-evidence = 疎明資料
desk-number-change-evidence-hint = 本人の請求のときは必須です(施行令第3条第3項)。提出された資料を書きます。
desk-number-change-button = 依頼を記録する
desk-number-change-recorded = 番号変更の依頼を記録しました。
desk-number-change-next = 別の職員が「番号変更の承認」から承認または却下します。承認されると、新しい番号が付番され、通知書が作成され、今のカードは失効します。
desk-number-change-id = 依頼番号
desk-number-change-refused = この記録の状態では、番号を変更できません(亡くなった方の番号は変更しません)。
desk-number-changes-title = 番号変更の承認
desk-number-changes-lead = 承認を待っている番号変更の依頼です。依頼した職員とは別の職員が判断します。一覧に表示した記録は、閲覧として記録されます。
desk-number-changes-count = { $count ->
    [0] 承認を待っている依頼はありません。
   *[other] 承認を待っている依頼が{$count}件あります。
}
desk-number-change-requested = 依頼日時
desk-number-change-mine = あなたが依頼したもの
desk-number-change-decide-title = 番号変更の依頼の判断
desk-number-change-mine-warning = この依頼はあなたが記録したものです。承認または却下は、別の職員が行います。
desk-number-change-decision = 判断
desk-number-change-approve = 承認する(新しい番号を付番する)
desk-number-change-reject = 却下する
desk-number-change-decide = 判断を記録する
desk-number-change-approved = 承認しました。新しい個人番号を付番し、通知書を作成しました。今のカードと電子証明書は失効しました。
desk-number-change-rejected = 却下しました。番号は変わりません。
desk-number-change-second-person = この依頼は、依頼した職員とは別の職員が判断する必要があります。
desk-number-change-decided = この依頼は、すでにほかの職員が判断しました。
desk-number-change-choose = 承認するか却下するかを選んでください。
desk-number-changes-back = 承認を待っている依頼の一覧に戻る
desk-change-status-requested = 承認待ち
desk-change-status-approved = 承認済み
desk-change-status-rejected = 却下
field-ground = 変更の根拠を選んでください。
field-reason = 理由を入力してください(1000文字まで)。
field-evidence = 本人の請求のときは、疎明資料を入力してください(1000文字まで)。

## カード (窓口: 申請、製造、交付通知書、交付、一時停止、廃止・返納)
desk-error-too-large = 送信した内容が大きすぎます(写真は7MBまでです)。
desk-error-form = 送信した内容を読み取れませんでした。ページを読み込み直して、もう一度送信してください。
desk-cards-link = 個人番号カード
desk-cards-title = 個人番号カード
desk-cards = カード
desk-cards-none = カードはありません。
desk-cards-recorded = この画面の表示は、閲覧として記録されています。
desk-cards-back = カードの画面に戻る
desk-card-serial = カード番号
desk-card-kind = 種類
desk-card-kind-standard = 通常のカード
desk-card-kind-face-recognition = 顔認証マイナンバーカード(暗証番号なし)
desk-card-steps = 手続き
desk-card-notice = 交付通知書(PDF)
desk-card-suspend = 一時停止する
desk-card-end-abolished = 紛失により廃止する
desk-card-end-returned = 返納を受ける
desk-card-end-title-abolished = 紛失によりカードを廃止する
desk-card-end-title-returned = カードの返納を受ける
desk-card-end-lead-abolished = 紛失の届出を受けて、カードを廃止します。廃止したカードは、見つかっても二度と使えません。電子証明書は失効します。この手続きは取り消せません。見つかる見込みがあるときは、一時停止にとどめてください。
desk-card-end-lead-returned = 返納されたカードを受け取り、廃止します。電子証明書は失効します。この手続きは取り消せません。
desk-card-end-confirm = 本人(または代理人)にこの手続きを確認し、取り消せないことを説明しました。
desk-card-end-error-confirm = 本人に確認し、取り消せないことを説明したら、チェックを入れてください。
desk-card-end-button-abolished = 廃止する
desk-card-end-button-returned = 返納を受ける
desk-card-applications = 交付申請
desk-card-applications-none = 交付申請はありません。
desk-card-received = 受付日時
desk-card-reason = 申請の理由
desk-card-fee = 手数料
desk-yen = {$yen}円
desk-card-produce = カードを製造する
desk-card-apply-title = 交付申請を受け付ける
desk-card-apply-lead = 窓口での交付申請です。手数料は申請の理由から決まります。写真は申請の内容とともに確認されます。
desk-card-reason-first = 初めての交付
desk-card-reason-renewal = 有効期限による更新
desk-card-reason-lost = 紛失による再交付
desk-card-reason-damaged = 破損による再交付
desk-card-reason-stolen = 盗難による再交付
desk-card-reason-disaster = 災害による再交付
desk-card-reason-additions-full = 追記欄の不足による再交付
desk-card-reason-number-changed = 個人番号の変更による再交付
desk-card-reason-resident-code-changed = 住民票コードの変更による再交付
desk-card-reason-issuer-error = 市区町村・J-LISの事由による再交付
desk-card-reason-reissue = 再交付(手数料あり)
desk-card-reason-reissue-free = 再交付(手数料なし)
desk-card-with-certificates = 電子証明書の発行を希望する
desk-card-express = 特急発行
desk-card-photo = 顔写真(JPEG)
desk-card-photo-hint = カラーのJPEGで、20KB〜7MB、縦横とも480〜6000ピクセル。1歳未満の子どもは不要です。
desk-card-apply-button = 申請を受け付ける
desk-card-applied = 交付申請を受け付けました(手数料{$yen}円)。
desk-card-error-reason = 申請の理由を選んでください。
desk-card-error-kind = カードの種類を選んでください。
desk-card-error-refused = この記録やカードの状態では、この手続きはできません。
desk-card-error-busy = このカードは、いま別の手続きまたはプログラムで使用中です（カードには何もしていません）。その処理が終わってから、もう一度お試しください。
desk-card-produced-title = カードを製造しました
desk-card-produced-message = カードを製造しました。カードファイルを保存し、交付の日まで保管してください。サーバーには控えが残りません。
desk-card-file-download = カードファイルを保存する
desk-card-file-lead = カードファイルは、このカードそのものです(鍵は封印されています)。本人に渡すまで大切に保管してください。
desk-card-hand-over-title = カードを交付する
desk-card-hand-over-lead = 本人確認書類を確認し、製造したカードファイルを読み込み、本人が暗証番号パッドで暗証番号を設定します。
desk-card-documents = 確認した本人確認書類
desk-card-documents-hint = 写真付きの書類なら1点、写真のない書類なら2点が必要です。
desk-id-document-disability-certificate = 障害者手帳
desk-id-document-drivers-licence = 運転免許証
desk-id-document-employee-card = 社員証
desk-id-document-health-insurance = 資格確認書・健康保険証
desk-id-document-my-number-card = マイナンバーカード
desk-id-document-passport = 旅券
desk-id-document-pension-book = 年金手帳
desk-id-document-residence-card = 在留カード
desk-id-document-special-permanent-resident-certificate = 特別永住者証明書
desk-id-document-student-card = 学生証
desk-card-file = カードファイル
desk-card-file-hint = 製造のときに保存したファイル(.mnc)を選びます。
desk-pin-pad = 暗証番号パッド(本人が入力します)
desk-pin-pad-lead = 職員は画面から離れてください。本人が暗証番号を入力します。顔認証マイナンバーカードは暗証番号を設定しません。
desk-pin-signature = 署名用電子証明書の暗証番号
desk-pin-signature-hint = 英大文字と数字の6〜16文字で、英字と数字の両方を含めます。
desk-pin-authentication = 利用者証明用電子証明書の暗証番号
desk-pin-authentication-hint = 数字4桁。
desk-pin-resident-registry = 住民基本台帳用の暗証番号
desk-pin-resident-registry-hint = 数字4桁。
desk-pin-text-input = 券面事項入力補助用の暗証番号
desk-pin-text-input-hint = 数字4桁。
desk-card-hand-over-button = 交付する
desk-card-handed-over = カードを交付しました。暗証番号を設定したカードファイルを保存して、本人に渡してください。
desk-card-error-documents = 本人確認書類を確認してください: 写真付きの書類1点か、写真のない書類2点が必要です。
desk-card-error-card-file = このカードのカードファイル(製造のときに保存した最新のもの)を選んでください。
desk-card-suspended-message = カードを一時停止しました。署名用電子証明書は失効し、利用者証明用電子証明書は一時保留になりました。
desk-card-error-end = 廃止か返納かを選んでください。
desk-card-ended-abolished = カードを廃止しました。見つかっても再び使うことはできません。電子証明書は失効しました。
desk-card-ended-returned = カードの返納を受けました。電子証明書は失効しました。
desk-call-error-limit = この1時間に、どの記録とも一致しない照合が多すぎます。照合を続ける前に、責任者に相談してください(この制限は記録されています)。

## 個人番号通知書 (状態ごとの一覧、配達結果の記録、保管期間を過ぎた返戻分の廃棄)
desk-nav-letters = 通知書
desk-letters-title = 個人番号通知書
desk-letters-lead = この市区町村の個人番号通知書を状態ごとに表示します。あて先の個人の情報は表示しません。
desk-letters-queued = { $count ->
    [0] 印刷を待っている通知書はありません。
   *[other] 印刷を待っている通知書が{$count}通あります。
}
desk-letters-filter = 状態
desk-letters-count = { $count ->
    [0] この状態の通知書はありません。
   *[other] {$count}通(新しいものから最大200通)。
}
desk-letter-application-id = 申請書ID
desk-letter-application-id-hint = 通知書に印刷された23桁の番号です(区切りの空白やハイフンは入力しなくてもかまいません)。
desk-letter-queued = 作成日時
desk-letter-sent = 印刷に回した日時
desk-letter-outcome = 配達の結果
desk-letter-record = 配達の結果を記録する
desk-letter-record-lead = 配達の確認、返戻(あて先に届かず戻ってきたもの)、窓口での交付を、申請書IDで記録します。
desk-letter-record-button = 記録する
desk-letter-outcome-delivered = 配達された
desk-letter-outcome-returned = 返戻された(窓口で保管する)
desk-letter-outcome-handed-over = 窓口で本人に交付した
desk-letter-recorded = 申請書ID {$id} の通知書を「{$status}」にしました。
desk-letter-error-id = 申請書IDは、23桁の数字で入力してください(検査数字を含みます)。
desk-letter-error-outcome = 配達の結果を選んでください。
desk-letter-error-unknown = この申請書IDの通知書は、この市区町村にはありません。
desk-letter-error-state = この通知書の今の状態では、この結果は記録できません(たとえば、窓口での交付は返戻されたものだけです)。
desk-letters-destroy-title = 保管期間を過ぎた通知書の廃棄
desk-letters-destroy-lead = 返戻されて保管期間を過ぎた通知書を、廃棄したものとして記録します。
desk-letters-destroy-button = 廃棄を記録する
desk-letters-destroyed = { $count ->
    [0] 保管期間を過ぎた通知書はありませんでした。
   *[other] {$count}通の廃棄を記録しました。
}
desk-letters-print = コマンド(mynumber notices print)でも、印刷を待っている通知書を何千通でもまとめて印刷できます。ファイルを保存してから発送済みにします。
desk-letters-print-title = 通知書を印刷する
desk-letters-print-lead = 印刷を待っている通知書を、印刷所に渡す PDF にまとめてダウンロードします。PDF を作った時点で発送済みになります。ダウンロードに失敗したときは、その日のうちに、下の「印刷単位」から同じ通知書をもう一度だけ印刷できます。
desk-letters-print-size = 1回に印刷する通数
desk-letters-print-size-hint = 1から500までの数字。多くを一度に印刷するときはコマンド(mynumber notices print)を使います。
desk-letters-print-button = 印刷する(PDF)
desk-letters-error-size = 1回に印刷する通数は、1から500までの数字で入力してください。
desk-letters-nothing-to-print = 印刷を待っている通知書はありませんでした。何も印刷していません。
desk-letters-batches-title = 印刷単位
desk-letters-batches-lead = 新しいものから表示します。「結果未登録」は、発送後に配達・返戻の結果がまだ登録されていない通知書の数です。ダウンロードに失敗したときに限り、最初に印刷した日のうちに一度だけ、もう一度印刷できます。印刷するのは結果未登録の通知書のうち、番号が変わっておらず、今もこの市区町村に住む人あての通知書だけで、申請書IDと発行日は最初の印刷と同じです。印刷のたびに記録が残ります。
desk-letters-batches-none = この市区町村の印刷単位はまだありません。
desk-letters-batch = 印刷単位
desk-letters-batch-printed = 印刷日時
desk-letters-batch-letters = 通数
desk-letters-batch-out = 結果未登録
desk-letters-batch-action = 操作
desk-letters-batch-reprint = もう一度印刷
desk-letters-batch-reprint-label = 印刷単位 {$batch} をもう一度印刷
desk-letters-error-batch-unknown = その印刷単位は、この市区町村にはありません。
desk-letters-error-batch-none-out = この印刷単位は、もう一度印刷できません。もう一度印刷できるのは最初に印刷した日のうちに一度だけで、配達・返戻された通知書、番号が変わった通知書、転出・死亡した人あての通知書は印刷しません。
desk-letter-status-queued = 印刷待ち
desk-letter-status-sent = 発送済み
desk-letter-status-delivered = 配達済み
desk-letter-status-returned = 返戻(窓口で保管中)
desk-letter-status-handed-over = 窓口で交付済み
desk-letter-status-destroyed = 廃棄済み
desk-letter-status-superseded = 番号の変更により取消
desk-card-resume-title = 一時停止を解除する
desk-card-resume-lead = 見つかったカードの一時停止を、窓口で本人を確認して解除します(電話ではできません)。署名用電子証明書は一時停止のときに失効しているため、新しく発行してカードに書き込みます。
desk-card-resume-documents-hint = 見つかったカードのほかに、写真付きの書類1点か、写真のない書類2点が必要です。
desk-card-resume-file-hint = 見つかったカードのカードファイル(.mnc)を選びます。
desk-card-resume-button = 一時停止を解除する
desk-card-resumed = 一時停止を解除しました。署名用電子証明書を新しく発行してカードに書き込みました。カードファイルを保存して本人に渡してください。

## 署名付きチェックポイント (全国の監査担当・管理者)
desk-nav-checkpoints = チェックポイント
desk-checkpoints-title = 署名付きチェックポイント
desk-checkpoints-lead = チェックポイントは、その時点のすべての区分の記録の末尾(連番とハッシュ)に署名したものです。写しを別の場所に保管しておくと、それより前の記録が後から書き換えられていないことを証明できます。
desk-checkpoint-sign = 今の末尾に署名する
desk-checkpoint-signed = チェックポイントに署名しました({$partitions}区分)。
desk-checkpoint-newest = 最新のチェックポイント
desk-checkpoint-at = 署名した日時
desk-checkpoint-key = 署名鍵
desk-checkpoint-partition = 区分
desk-checkpoint-hash = 末尾のハッシュ
desk-checkpoint-text = 保管用のテキスト
desk-checkpoint-text-hint = このテキストを別の場所に保管してください。記録の検証(mynumber ledger verify --checkpoint)に使えます。
desk-checkpoint-none = まだチェックポイントはありません。

## API の問題 (problem+json の message: コードごとに、読む人の言語で)
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
desk-document-number-title = 個人番号の記載(本人の請求によるとき)
desk-document-number-hint = 個人番号は、本人(または同じ世帯の人)の請求があったときだけ記載します。確認した本人確認書類を選んでください(写真付き1点か、写真のないもの2点)。記載は、番号の閲覧として記録されます。
desk-document-number-item = 個人番号を記載する(本人の請求)
desk-document-number-documents-error = 個人番号を記載するには、本人確認書類を選んでください: 写真付きの書類1点か、写真のない書類2点です。
desk-procedure-lead-period-of-stay-change = 外国人住民の在留資格・在留期間の変更(更新の許可を含む)です。在留カードに記載された内容を入力します。
desk-procedure-lead-stay-extension-applied = 在留期間の満了日までに、在留期間の更新などの申請をしたことを記録します。結果が出るまで(満了日から最長2か月)は、記録は消除されません(特例期間)。

## 入力の問題（項目ごとの問題。キーは use case が返す）
problem-login-taken = このログイン名はほかの職員が使っています。別の名前にしてください。
problem-enrolment-ended = この登録手続は終了しました。最初からやり直してください。
problem-totp-code = 認証アプリに今表示されているコードではありません。最新のコードを入力してください。
problem-required-why-exception-most = 例外とする理由を、1行200文字以内で、引用符や数字を使わずに入力してください。
problem-card-resident-use = この住民が使用中のカードではありません。
problem-certificates-issued-resident-active = 電子証明書は記録が有効な住民にだけ発行します。
problem-signature-certificate-issued-child = 15歳未満の方には署名用電子証明書を発行しません（facts §3.1）。利用者証明用電子証明書を発行してください。
problem-privilegewithdrawn-holder-s-request = privilegeWithdrawn（本人の申請）、keyCompromise、unspecified のいずれかにしてください。
problem-cessationofoperation-card-voided-returned = cessationOfOperation（カードの廃止・返納・期限切れ）、privilegeWithdrawn、keyCompromise、unspecified のいずれかにしてください。
problem-give-name-date-birth = 氏名か生年月日、またはその両方を入力してください。
problem-head-new-household-headed = 新しい世帯は、届け出た本人が世帯主になります。続柄は「世帯主」にしてください。
problem-cannot-head-when-joining = 既存の世帯に加わる方は世帯主になれません。
problem-japanese-national-keeps-card = 国外転出後もカードを使い続けられるのは日本国籍の方だけです。外国籍の方のカードは出国時に返納します。
problem-procedure-keep-card-abroad = 国外転出後もカードを使い続ける手続には使用中のマイナンバーカードが必要ですが、この方は持っていません。
problem-procedure-keep-card-abroad-2 = 国外転出後もカードを使い続ける手続は出国日より前に行います。転出日を明日以降の予定日にしてください。
problem-card-person-use = この方が使用中のカードではありません。
problem-required-move-out-states = 転出届には転出先の市区町村が必要です（住民基本台帳法第24条）。
problem-special-move-out-filed = 特例転出には使用中のマイナンバーカードが必要ですが、この方は持っていません。
problem-belongs-another-municipality = ほかの市区町村の世帯です。
problem-import-file-most-4 = 取り込むファイルは4,294,967,295行までです。
problem-required-label-shared-household = 世帯のラベル（同じ世帯の行で共通）を入力してください。
problem-municipality-name-required = 市区町村名を入力してください（例: 新宿区）。
problem-individual-number-printed-lawful = 個人番号は、法令に基づく利用目的があるとき、または本人の請求があるときだけ記載します。どちらかを選んでください。
problem-verification-code-16-letters = 検証コードは英数字16文字です（例: K7QM-2XRT-9B4D-HW3P）。
problem-administrator-does-disable-themselves = 管理者は自分自身を無効にできません。ほかの管理者が行ってください。
problem-revoked-already = すでに失効しています。
problem-required-most-100-characters = 100文字以内で入力してください。
problem-resident-s-record-longer = この住民の記録はもう有効ではないため、カードを作りません。
problem-face-recognition-card-carries = 顔認証マイナンバーカードには電子証明書を搭載しません。
problem-holder-moved-here-card = この方は転入してきており、カードの継続利用の手続がまだです。先に継続利用の手続をしてください。
problem-name-least-signature-authentication = 署名用か利用者証明用か、少なくとも一つを選んでください。
problem-clerk-ends-card-abolished = 窓口で終了できるのは廃止（紛失）か返納だけです。期限切れと再交付による切替えは自動で行われます。
problem-caller-was-identified-call = この通話では本人確認ができた相手がいません。
problem-caller-card-use-suspended = この方には使用中のカードがありません（一時停止済み、終了済み、または未交付）。
problem-card-foreign-resident-fixed = 有効期間を延長できるのは、在留期間が定められた外国人住民のカードだけです。
problem-card-follows-active-record = カードの手続は記録が有効な住民にだけ行います。
problem-card-text-application = このカードには券面事項入力補助アプリケーションがありません。
problem-card-already-shows-record = カードにはすでに記録どおりの氏名と住所が記載されています。
problem-resident-registry-pin-missing = 住民基本台帳用の暗証番号が入力されていません。
problem-card-resident-registry-pin = このカードには住民基本台帳用の暗証番号がありません。
problem-card-issued-resident-active = カードは記録が有効な住民にだけ発行します。
problem-form-was-printed-name = この申請書は、その後に変わった氏名または住所で印刷されているため使えません。市区町村に新しい申請書を請求してください（facts §2.5）。
problem-application-id-form-issued = この住民に発行した申請書の申請書IDではありません。
problem-child-under-1-gets = 1歳未満のお子さんのカードには写真を載せません。写真は不要です。
problem-required-jpeg-face-photo = 顔写真（JPEG）が必要です（facts §2.6）。
problem-face-recognition-no-certificates = 顔認証マイナンバーカードには電子証明書を搭載しません（facts §2.1）。
problem-application-resident-already-waiting = この住民の申請がすでにカードの交付を待っています。
problem-there-card-use-renew = 更新する使用中のカードがありません。初回交付か再交付を申請してください。
problem-full-additions-field-card = 追記欄の満了による再交付は使用中のカードについて行いますが、この住民には使用中のカードがありません。前のカードが終了した理由を選んでください。
problem-resident-had-card-before = この住民には以前カードがありました。再交付を申請してください。
problem-resident-never-had-card = この住民はカードを持ったことがありません。初回交付を申請してください。
problem-required = 入力してください。
problem-6-digit-local-government = 6桁の全国地方公共団体コードを入力してください（例: 131041）。
problem-check-digit-6th-digit = 検査数字（6桁目）が合いません。
problem-required-town-block-number = 町名・丁目・番地を入力してください。
problem-give-3-32-letters = 英字で始まる3〜32文字の英小文字・数字・「.」「-」「_」で入力してください。
problem-do-use-login-name = パスワードにログイン名を含めないでください。
problem-required-how-number-leaked = 番号が漏えいした経緯と、不正利用のおそれがある理由を入力してください（番号法第7条第2項）。
problem-required-person-s-request = 本人の請求では、漏えいを示す資料を入力してください（施行令第3条第3項）。
problem-migration-keeps-each-resident = 移行では各住民の住民票コードと個人番号を引き継ぎます。両方が必要です。
problem-move-move-out-certificate = 転出証明書による転入では、証明書に記載された住民票コードと個人番号を引き継ぎます。両方が必要です。
problem-birth-registered-birth-date = 出生は生年月日を異動日として届け出ます。
problem-foreign-resident-s-first = 外国人住民の初回登録には、日本（JP）以外の国籍が必要です。
problem-before-birth-date = 生年月日より前の日付です。
problem-differs-from-record-change = 記録と異なります。国籍の変更は別の手続です。
problem-give-name-caller-says = 相手が名乗った氏名を入力してください。
problem-give-town-block-numbers = 相手が言った町名と番地を入力してください。
problem-express-issuance-first-card = 初回交付の特急発行は、1歳未満のお子さんか、住民になって30日以内の方が対象です。
problem-express-issuance-offered-renewal = 更新には特急発行がありません。
problem-show-photo-document-issued = 官公署発行の写真付き書類（運転免許証、旅券、在留カードなど）を1点、または写真のない書類（健康保険証、年金手帳、学生証・社員証など）を種類の違うもの2点、確認してください。
problem-resuming-card-needs-found = 一時停止の解除には、見つかったカードと、それ以外の本人確認書類が必要です。官公署発行の写真付き書類（運転免許証、旅券、在留カードなど）1点、または写真のない書類（健康保険証、年金手帳、学生証・社員証など）の種類の違うもの2点です。
problem-jpeg-file-save-photo = JPEG ファイルではありません（写真を JPEG で保存してください）。
problem-greyscale-colour-rgb-photo = 白黒の写真です。カラー（RGB）の写真にしてください。
problem-cmyk-rgb-photo-save = CMYK の写真です。RGB カラーで保存してください。
problem-may-hold-letters-z = 英字 A〜Z と数字 0〜9 だけを使ってください。
problem-hold-least-letter-least = 英字と数字をそれぞれ1文字以上含めてください。
problem-exactly-4-digits = 数字4桁で入力してください。
problem-jis-x-0303-codes = JIS X 0303 のコード 0（不明）と 9（適用不能）は住民基本台帳では使いません。1（男）か2（女）にしてください。
problem-2-letters-8-digits = 英字2文字・数字8桁・英字2文字の形で入力してください（例: AB12345678CD）。
problem-required-katakana-reading = ふりがな（カタカナ）を入力してください。
problem-registered-alias-recorded-foreign = 通称は外国人住民についてだけ記録します。
problem-required-foreign-resident-name = 外国人住民は、在留カードどおりのローマ字氏名を入力してください。
problem-required-yyyy-mm-dd = 日付を入力してください（YYYY-MM-DD）。
problem-future = 未来の日付です。
problem-more-than-130-years = 130年より前の日付です。
problem-already-passed-resident-record = すでに過ぎています。住民票には有効な在留期間が必要です。
problem-additions-not-full = カード { $serial } の追記欄は { $lines } 行のうち { $used } 行を使っています。追記欄の満了による無料の再交付は、追記欄がいっぱいになってからです。
problem-application-id-needed = { $channel } による申請には、申請書に印刷された23桁の申請書IDが必要です。
problem-before-move-out = 転出日（{ $date }）より前の日付です。
problem-call-expired = 本人確認から{ $minutes }分以上たっています。もう一度聞き取って照会し直してください。
problem-call-limited = この1時間で{ $count }件の照会が該当なしでした。続ける前に責任者に相談してください。
problem-card-expired = { $hierarchy ->
    [signature] 署名用電子証明書
    [authentication] 利用者証明用電子証明書
   *[other] { $hierarchy }
}: カードの有効期限（{ $date }）が過ぎています。
problem-card-file-damaged = 読み取れないカードファイルです（壊れているか、書き換えられているか、対応していない形式です）。
problem-card-file-no-key = 別の環境で作られたカードファイルです。この環境にはカード { $serial } の鍵がありません。
problem-card-file-stale = このカードファイルは古い写しです。カードはその後、暗証番号の照合や手続きで書き換わっています。最後にお渡ししたファイルを選んでください。
problem-card-file-other = カード { $serial } のファイルではありません。
problem-card-has-no-pin = このカードには{ $pin ->
    [signature] 署名用電子証明書
    [authentication] 利用者証明用電子証明書
    [resident-registry] 住民基本台帳用
    [text-input] 券面事項入力補助用
   *[other] { $pin }
}の暗証番号がありません。
problem-card-nothing-to-extend = カードの有効期限は{ $until }で、記録上の在留期間は{ $stay }までのため、延長することがありません（先に新しい在留期間を記録してください）。
problem-card-number-required = 在留資格 { $status } では在留カード番号が必要です。
problem-card-reason = { $codes } のいずれかにしてください。再交付ではその理由を選び、手数料は理由で決まります。
problem-card-renewal-early = カード { $serial } の有効期限は{ $until }です。更新できるのは{ $opens }からです。
problem-card-still-in-use = カード { $serial } はまだ使用中（{ $status }）です。有効期限の3か月前から更新するか、先に紛失の届出をしてください。
problem-certificate-ends-with-card = { $hierarchy ->
    [signature] 署名用電子証明書
    [authentication] 利用者証明用電子証明書
   *[other] { $hierarchy }
}: 新しい証明書はカードと同じ{ $date }に終わり、今の証明書より長くなりません。カードを更新してください。
problem-certificate-in-force = { $hierarchy ->
    [signature] 署名用電子証明書
    [authentication] 利用者証明用電子証明書
   *[other] { $hierarchy }
}: 今の証明書は{ $until }まで有効です。更新できるのは{ $opens }からです。
problem-certificate-twice = { $hierarchy ->
    [signature] 署名用電子証明書
    [authentication] 利用者証明用電子証明書
   *[other] { $hierarchy }
}が2回指定されています。
problem-date-form = { $given } は YYYY-MM-DD 形式の日付ではありません。
problem-express-reissue-late = 再交付の特急発行は、その事由から30日以内が対象です。前のカードは{ $date }に終了しています。
problem-express-reissue-late-undated = 再交付の特急発行は、その事由から30日以内が対象です。
problem-holder-certificate-in-force = この方の{ $hierarchy ->
    [signature] 署名用電子証明書
    [authentication] 利用者証明用電子証明書
   *[other] { $hierarchy }
}は{ $until }まで有効です。更新できるのは{ $opens }からです。
problem-import-denied = この市区町村の記録は取り込めません（{ $detail }）。
problem-import-household-elsewhere = 世帯 { $label } は市区町村 { $household_municipality } にあり、この行は { $row_municipality } です。
problem-import-second-head = 世帯 { $label } にはすでに世帯主がいます。
problem-items = 次のいずれかにしてください: { $codes }
problem-katakana = カタカナで入力してください。{ $character } は使えません。
problem-katakana-hiragana = カタカナで入力してください。{ $character } はひらがなです。
problem-language-unknown = { $given } には対応していません。次のいずれかにしてください: { $codes }
problem-latin-character = 英字・空白・ハイフン・アポストロフィ・ピリオド・コンマだけを使ってください。{ $character } は使えません。
problem-move-out-ahead = { $days }日より先の日付です。転出届は予定日の{ $days }日前から出せます。
problem-municipality-code-prefecture = 先頭の { $start } は都道府県コード（01〜47）ではありません。
problem-municipality-unnamed = 市区町村 { $code } には証明書に印字する名称がありません。`mynumber municipality name { $code } <名称>` で設定してください。
problem-nationality-unknown = { $given } は国・地域として認識できません。ISO 3166-1 のコード（VN または VNM、CN、BR。無国籍は XX）か日本語名（ベトナム）で入力してください。
problem-number-character = { $position } 文字目の { $character } は数字・空白・ハイフンではありません。
problem-number-check-digit = 検査数字が合いません。
problem-number-empty = 数字が入力されていません。
problem-number-length = { $expected } 桁のはずが { $found } 桁です。
problem-number-not-carried = { $procedure } では新しい住民票コードと個人番号を付けます。今の番号を引き継ぐのは転入と移行だけです。
problem-number-taken = { $line ->
    [0] この個人番号は、登録されているほかの方のもの（またはかつてのもの）です（個人番号は二度と付番しません）。
   *[other] { $line } 行目: この個人番号は、登録されているほかの方のもの（またはかつてのもの）です（個人番号は二度と付番しません）。
}
problem-one-of = 次のいずれかにしてください: { $codes }
problem-password-length = { $min }〜{ $max } 文字で入力してください。
problem-photo-components = 色成分が{ $count }個の画像です。RGB の写真にしてください。
problem-photo-height = 高さが{ $pixels }ピクセルです。縦横とも480〜6,000ピクセルにしてください。
problem-photo-large = { $mb } MB あります。7 MB 以下にしてください。
problem-photo-small = { $kb } KB しかありません。20 KB 以上にしてください。
problem-photo-width = 幅が{ $pixels }ピクセルです。縦横とも480〜6,000ピクセルにしてください。
problem-pin-locked = { $pin ->
    [signature] 署名用電子証明書
    [authentication] 利用者証明用電子証明書
    [resident-registry] 住民基本台帳用
    [text-input] 券面事項入力補助用
   *[other] { $pin }
}の暗証番号はロックされています。先に窓口で初期化してください。
problem-pin-missing = { $pin ->
    [signature] 署名用電子証明書
    [authentication] 利用者証明用電子証明書
    [resident-registry] 住民基本台帳用
    [text-input] 券面事項入力補助用
   *[other] { $pin }
}の暗証番号が入力されていません。
problem-pin-not-needed = { $pin ->
    [signature] 署名用電子証明書
    [authentication] 利用者証明用電子証明書
    [resident-registry] 住民基本台帳用
    [text-input] 券面事項入力補助用
   *[other] { $pin }
}の暗証番号は、申請された証明書には不要です。
problem-pin-not-on-card = このカードには設定する{ $pin ->
    [signature] 署名用電子証明書
    [authentication] 利用者証明用電子証明書
    [resident-registry] 住民基本台帳用
    [text-input] 券面事項入力補助用
   *[other] { $pin }
}の暗証番号がありません。
problem-police-report = 警察が記載した受理番号を、英数字とハイフン{ $max }文字以内で入力してください。
problem-prefecture-code = コード { $code } は1〜47の範囲にありません。
problem-prefecture-mismatch = { $prefecture } は市区町村コード { $code }（{ $actual }）と合いません。
problem-prefecture-unknown = { $given } は47都道府県のいずれでもありません（例: 東京都、またはコード 13）。
problem-public-key = この公開鍵は使えません（{ $detail }）。
problem-purpose-configured = 設定された利用目的 { $given } は、英小文字・数字・ハイフン（a-z、0-9、-）で書いてください。
problem-purpose-required = 個人番号を見るには利用目的が必要です。次のいずれかにしてください: { $codes }
problem-purpose-unknown = { $given } はここで認められた利用目的ではありません。次のいずれかにしてください: { $codes }
problem-purpose-code = 利用目的のコードは英小文字・数字・ハイフン（a-z、0-9、-）で64文字以内、ハイフン以外で始めてください（例: withholding-slip）。
problem-purpose-text = 入力してください。
problem-purpose-retention = 保存年数は1から{ $max }までの年数で入力してください（事務が終わった日から数えます）。
problem-organisation-name = 事業者の名称を入力してください。
problem-organisation-event = 状態が { $status } の事業者に { $event } はできません。
problem-organisation-registered = この法人番号の事業者は登録済みです（取消しの後でなければ登録し直せません）。
problem-organisation-collects-not = この事業者の区分では個人番号を収集しないため、利用目的を登録できません。
problem-purpose-taken = 利用目的のコード { $given } はこの事業者で使われています（取り下げた目的のコードも使えません）。
problem-collection-mismatch = 個人番号・氏名・生年月日が、住民基本台帳の一人の住民と一致しません。番号を示した書類と本人確認書類をもう一度確認してください。
problem-collection-ended-on = 事務の終了日は、収集した日（{ $from }）から今日（{ $to }）までの日付にしてください。
problem-redirect-uris = リダイレクトURIは1件以上{ $max }件以下で指定してください（ログアウト後のURIは{ $max }件まで）。
problem-redirect-uri = { $given } は登録できません。https（ループバックに限りhttp）で、フラグメントや空白を含まない512文字以内のURIを指定してください。
problem-base64url = パディングのないbase64url（RFC 4648 §5）で指定してください。
problem-digest-length = SHA-256のダイジェスト（32バイト）を指定してください。
problem-digest-info = SHA-256、SHA-384またはSHA-512のDigestInfo（DER、パラメータはNULL）を指定してください。
problem-digest-cms = CMS形式ではSHA-256のダイジェストを指定してください。
problem-latest-four-certificate = この仕組みが発行した署名用電子証明書を指定してください。
problem-digest-one = digestとdigest_infoのどちらか一方を指定してください。
problem-signature-one = cms（分離署名ならcontentも）か、signature・certificate・digest_infoの組のどちらか一方を指定してください。
problem-time = RFC 3339形式の日時（例: 2026-12-05T10:00:00Z）で指定してください。
problem-collection-ended = この収集の事務の終了は記録済みか、番号は削除済みです。
problem-collection-deleted = この番号の削除は記録済みです。
problem-key-id = 鍵IDは英数字・ハイフン・下線・ピリオドで64文字以内にしてください。
problem-key-p256 = 公開鍵は P-256 の EC 鍵（JWK の kty "EC"、crv "P-256"）にしてください。
problem-key-private = 秘密鍵を含むJWKは受け付けません。公開鍵（x と y）だけを送ってください。送った秘密鍵は漏えいしたものとして取り替えてください。
problem-platform = プラットフォーム事業者には、有効な別の組織で、署名検証者または利用者証明検証者として登録され、自らはプラットフォームを経由しない組織を指定してください。取り消された組織には登録できません。
problem-key-id-taken = 鍵ID { $given } はこの事業者で登録済みです。
problem-request = この証明書署名要求は使えません（{ $detail }）。
problem-resident-code-taken = { $line ->
    [0] この住民票コードは、登録されているほかの方のものです。
   *[other] { $line } 行目: この住民票コードは、登録されているほかの方のものです。
}
problem-search-limit = 件数は1〜{ $max }で指定してください。
problem-sex-unknown = { $given } は JIS X 0303 のコードではありません。1（男）か2（女）にしてください。
problem-signature-certificate-age = { $hierarchy ->
    [signature] 署名用電子証明書
    [authentication] 利用者証明用電子証明書
   *[other] { $hierarchy }
}: 署名用電子証明書は{ $age }歳から発行します。この方は{ $date }に{ $age }歳になります。
problem-signature-pin-length = 6〜16文字にしてください（今は{ $length }文字です）。
problem-staff-disabled-already = すでに無効になっています。
problem-staff-not-disabled = 無効になっていません。
problem-status-unknown = { $given } は住民票の対象となる在留資格ではありません（例: student、permanent-resident、留学）。
problem-stay-not-applicable = 在留資格 { $status } には在留期間がないため、空欄にしてください。
problem-stay-required = 在留資格 { $status } では在留期間の満了日（YYYY-MM-DD）が必要です。
problem-text-control = 制御文字 { $character } が含まれています。
problem-text-invisible = 見えない文字 { $character } が含まれています。表示と中身が変わってしまうので削除してください。
problem-text-length = { $length } 文字あります。{ $max } 文字以内にしてください。
problem-token-days = 1〜{ $max } の範囲にしてください。

# API が要求の項目そのものに見つけた問題（issue 11）。
problem-base64 = base64 形式ではありません。
problem-card-channel = counter、mail、online、photo-booth のいずれかにしてください。
problem-card-end-reason = abolished（廃止）か returned（返納）にしてください。
problem-card-kind = standard か face-recognition（顔認証マイナンバーカード）にしてください。
problem-certificate-kind = signature（署名用）か authentication（利用者証明用）にしてください。
problem-certificate-named = { $given } は証明書の種類ではありません。signature か authentication にしてください。
problem-charset = utf-8 か shift_jis（cp932、windows-31j：日本の Excel の CSV）にしてください。
problem-delivery-outcome = delivered（配達）、returned（返戻）、handed-over（交付）のいずれかにしてください。
problem-hex-id = 16進数 32 桁で指定してください。
problem-household-id = 世帯 ID（16進数 32 桁）ではありません。
problem-identity-document = { $given } は本人確認書類の種類として認められていません。
problem-import-layout = new か existing にしてください。
problem-import-name = 必須です。ファイル名を 1〜200 文字で、制御文字を含めずに指定してください。
problem-import-not-text = UTF-8 でも Shift_JIS（CP932）のテキストでもありません。UTF-8 で送るか、文字コードを指定してください。
problem-ledger-limit = 1〜1000 の範囲にしてください。
problem-negative = 負の数にはできません。
problem-notice-status = queued、sent、delivered、returned、handed-over、destroyed、superseded のいずれかにしてください。
problem-ocsp-request-body = DER 形式の OCSPRequest（application/ocsp-request）にしてください。
problem-pem-csr = PEM の CERTIFICATE REQUEST ブロックではありません。
problem-pin-kind = signature、authentication、resident-registry、text-input のいずれかにしてください。
problem-purpose-or-own-request = 利用目的か本人の請求のどちらか一方を指定してください（両方は指定できません）。
problem-record-kind = { $given } は copy（住民票の写し）でも recorded-matters（記載事項証明書）でもありません。
problem-registration-procedure = birth、move-in、move-in-with-certificate、foreign-first-registration のいずれかにしてください。
problem-request-id = 変更請求の ID（16進数 32 桁）ではありません。
problem-unreadable = 要求を読み取れません（{ $detail }）。

## 転入(この台帳の記録による)
desk-register-transfer-in = 転出した市区町村もこの台帳を使っているとき、または国外から戻ったときは、新しく記載せず、消除された記録を引き継ぎます。
desk-register-transfer-in-link = 転入(この台帳の記録による)
desk-transfer-in-title = 転入(この台帳の記録による)
desk-transfer-in-lead = ほかの市区町村に転出届を出した人、または国外へ転出した人の転入です。住民票コードで消除された記録を探し、この市区町村の住所で記載します。住民票コードと個人番号は変わりません。
desk-transfer-in-code = 住民票コード
desk-transfer-in-code-hint = 転出証明書などに記載された11けたの数字です。
desk-transfer-in-card = マイナンバーカードのカード番号(提示されたとき)
desk-transfer-in-card-hint = カードを提示して転出した人(特例転出)は、カードの提示が必要です。
desk-transfer-in-button = 転入を記録する
field-transfer-in-code = 住民票コードは11けたの数字です。確かめてください。
field-transfer-in-none = この住民票コードで、この市区町村への転入を待っている記録はありません。住民票コードと、転出先の市区町村コードを確かめてください。
field-transfer-in-refused = この記録には、この内容で転入を記載できません。転出先の市区町村、まだ住民として記載されていないこと、カードを提示して転出した人(特例転出)ならカード番号を確かめてください。

## 使用中のカードの窓口手続き
desk-card-pin-reset-title = 暗証番号を再設定する
desk-card-pin-reset-lead = 暗証番号を忘れたときや、3回(署名用は5回)間違えてロックされたときに、本人を確認して暗証番号を設定し直します。
desk-card-pin-reset-done = 暗証番号を再設定しました。カードファイルを保存して本人に渡してください。
desk-card-amendment-title = 券面事項を変更する(継続利用)
desk-card-amendment-lead = 転居や氏名の変更のあと、カードの記載を住民票に合わせ、追記欄に1行記載します。転入のあとは、これが継続利用の手続きです(転入の日から90日以内)。本人が住民基本台帳用の暗証番号を入力します。
desk-card-amendment-done = カードの記載を住民票に合わせました。カードファイルを保存して本人に渡してください。
desk-card-extension-title = 有効期限を延長する
desk-card-extension-lead = 外国人住民のカードの有効期限を、新しい在留期間の満了日まで(在留期間更新の申請中は特例期間の終わりまで)延長します。本人が住民基本台帳用の暗証番号を入力します。
desk-card-extension-done = 有効期限を延長しました。カードファイルを保存して本人に渡してください。
desk-card-certificates-title = 電子証明書を発行する
desk-card-certificates-lead = 使用中のカードに電子証明書を発行(更新・再発行)します。カードが新しい鍵を作り、置き換えられる証明書は失効します。カードにある証明書は今の暗証番号を、新しく載せる証明書は本人が決めた暗証番号を入力します。
desk-card-certificates-done = 電子証明書を発行してカードに書き込みました。カードファイルを保存して本人に渡してください。
desk-card-certificates-which = 発行する電子証明書
desk-card-certificate-signature = 署名用電子証明書
desk-card-certificate-authentication = 利用者証明用電子証明書
desk-card-pin-kind = 再設定する暗証番号
desk-card-new-pin = 新しい暗証番号
desk-card-new-pin-hint = 署名用は英大文字と数字の6〜16文字、ほかは数字4桁。
desk-card-step-documents-hint = カードのほかに、写真付きの書類1点か、写真のない書類2点が必要です。
desk-card-step-file-hint = このカードの最新のカードファイル(.mnc)を選びます。
desk-card-kept-file-hint = カードは読み取り機に置いたままです。この画面が直前のカードファイルを保持して使います。別のファイルを使う場合だけ選んでください。
desk-card-step-pin-lead = 職員は画面から離れてください。本人が暗証番号を入力します。
desk-card-step-button = 手続きをする
desk-card-error-pin-kind = 再設定する暗証番号を選んでください。
desk-card-error-certificates = 発行する電子証明書を選んでください。
desk-card-wrong-pin = { $pin }が違います。あと{ $tries }回間違えるとロックされます。
desk-card-wrong-pin-last = { $pin }が違います。あと1回間違えるとロックされます。
desk-card-kept-file = 直前に暗証番号を誤ったときのカードファイルを、この画面が保持し、次の入力で使います。ここで手続きをやめる場合は、保存して本人にお渡しください。
desk-card-retry-file = カードが誤りの回数をカードファイルに記録しました。お預かりしたファイルはもう使えません。新しいファイルはこの画面が保持し、次の入力で使います。ここで手続きをやめる場合は、保存して本人にお渡しください。
desk-card-pin-locked = { $pin }が違います。暗証番号はロックされました。下のカードファイルを保存してから、「暗証番号を再設定する」でそのファイルを選び、設定し直してください。

## パスキー
desk-passkeys-title = パスキー
desk-passkeys-home = 認証アプリのコードの代わりに、パスキー(指紋・顔・PIN で確認する鍵)でサインインできます。
desk-passkeys-lead = パスキーは、この端末やスマートフォンに保存される鍵です。サインインのとき、パスワードに加えて、認証アプリのコードの代わりに使えます。パスキーは、本人の確認(指紋・顔・PIN)をしたときだけ使えます。
desk-passkeys-yours = あなたのパスキー
desk-passkeys-none = まだパスキーはありません。
desk-passkey-name = 名前
desk-passkey-name-hint = どの端末の鍵か分かる名前です(例: 窓口の端末)。
desk-passkey-id = 識別子
desk-passkey-created = 登録日時
desk-passkey-last-used = 最後に使った日時
desk-passkey-never = まだ使っていません
desk-passkey-remove = 削除する
desk-passkey-add = パスキーを登録する
desk-passkey-add-button = パスキーを登録する
desk-passkey-needs-script = パスキーの登録には JavaScript が必要です。使えないときは、認証アプリのコードでサインインしてください。
desk-passkey-not-made = パスキーを作れませんでした。もう一度試すか、別の端末を使ってください。
desk-passkey-not-used = パスキーを使えませんでした。認証アプリのコードでサインインすることもできます。
desk-sign-in-passkey = コードの代わりにパスキーでサインインする
problem-passkey-name = パスキーの名前を64文字以内で入力してください。
problem-passkey-challenge = 登録の期限が切れました。もう一度登録してください。
problem-passkey-refused = このパスキーは使えません。別の端末で試してください。
problem-passkey-too-many = パスキーは{ $max }個まで登録できます。使わないものを削除してください。
problem-passkey-registered = このパスキーはすでに登録されています。

## 一括取込みの見出し行
problem-import-number-column = ファイルに individual_number の列があります。この取込みは個人番号を新しく付番します。住民票コードと個人番号を持ったままの住民の台帳を移すときは、既存の台帳として取り込んでください(--existing、API では layout=existing)。
problem-import-existing-columns = 既存の台帳の取込み(--existing、layout=existing)には resident_code と individual_number の列が必要です。住民は今の住民票コードと個人番号をそのまま持ちます。
problem-import-unknown-column = { $given } という列はありません。列は次のとおりです: { $codes }
problem-import-not-a-column = 見出し行の{ $position }列目が列の名前ではありません。見出し行がないのではありませんか。列は次のとおりです: { $codes }
problem-import-column-twice = { $given } の列が2回あります。
problem-import-columns-missing = 見出し行に必須の列がありません: { $codes }
problem-import-header-unreadable = 見出し行を読み取れません({ $detail })。
desk-passkey-password-hint = 確認のため、サインインのパスワードをもう一度入力してください。
problem-passkey-password = パスワードが違います。

## 在留資格（出入国管理及び難民認定法 別表第一・第二）
desk-sor-artist = 芸術
desk-sor-business-manager = 経営・管理
desk-sor-cultural-activities = 文化活動
desk-sor-dependent = 家族滞在
desk-sor-designated-activities = 特定活動
desk-sor-engineer-humanities-international = 技術・人文知識・国際業務
desk-sor-entertainer = 興行
desk-sor-highly-skilled-professional-i = 高度専門職1号
desk-sor-highly-skilled-professional-ii = 高度専門職2号
desk-sor-instructor = 教育
desk-sor-intra-company-transferee = 企業内転勤
desk-sor-journalist = 報道
desk-sor-legal-accounting-services = 法律・会計業務
desk-sor-long-term-resident = 定住者
desk-sor-medical-services = 医療
desk-sor-nursing-care = 介護
desk-sor-permanent-resident = 永住者
desk-sor-professor = 教授
desk-sor-provisional-stay = 仮滞在
desk-sor-religious-activities = 宗教
desk-sor-researcher = 研究
desk-sor-skilled-labor = 技能
desk-sor-special-permanent-resident = 特別永住者
desk-sor-specified-skilled-worker-i = 特定技能1号
desk-sor-specified-skilled-worker-ii = 特定技能2号
desk-sor-spouse-of-japanese-national = 日本人の配偶者等
desk-sor-spouse-of-permanent-resident = 永住者の配偶者等
desk-sor-student = 留学
desk-sor-technical-intern-training = 技能実習
desk-sor-temporary-refuge = 一時庇護
desk-sor-trainee = 研修
desk-sor-transitional-stay-birth = 出生による経過滞在
desk-sor-transitional-stay-loss-of-nationality = 国籍喪失による経過滞在

## 印鑑登録 (issue 13: 登録、改印、廃止、亡失)
problem-seal-image-not-png = PNG ファイルではないか、壊れています。印影をスキャナーで PNG として保存してください。
problem-seal-image-too-big = 画像が { $max_mib } MiB を超えています。印影だけを切り取って保存してください。
problem-seal-image-no-resolution = 画像に解像度(dpi)の記録がないため、印影の大きさを測れません。解像度を記録する設定でスキャンしてください。
problem-seal-under-age = { $age }歳未満の方は印鑑を登録できません。
problem-seal-adult-ward = 成年被後見人の方は印鑑を登録できません。
problem-seal-not-resident = この市区町村に住民登録がないため、印鑑を登録できません。
problem-seal-already-registered = 印鑑がすでに登録されています。登録できる印鑑は1人1個です。印鑑を変えるときは改印の手続きをしてください。
problem-seal-too-small = 印影が小さすぎます。一辺{ $mm }mmの正方形に収まる印鑑は登録できません。
problem-seal-too-large = 印影が大きすぎます。一辺{ $mm }mmの正方形に収まらない印鑑は登録できません。
problem-seal-none-in-force = 登録されている印鑑がありません。
problem-seal-end-reason = abolished（廃止）か lost（亡失）にしてください。
desk-seal-link = 印鑑登録
desk-seal-title = 印鑑登録
desk-seal-back = 印鑑登録の画面に戻る
desk-seal-none = 登録されている印鑑はありません。
desk-seal-in-force = 登録されている印鑑
desk-seal-impression-alt = 登録されている印影
desk-seal-card-number = 印鑑登録証の番号
desk-seal-size = 印影の大きさ
desk-seal-size-mm = 横{ $width }mm × 縦{ $height }mm
desk-seal-registered-at = 登録日時
desk-seal-register-title = 印鑑を登録する
desk-seal-register-lead = 本人を確認し、印鑑を押した用紙をスキャンして、印影だけを切り取った PNG を選びます。登録できる印鑑は1人1個、印影は一辺8mmの正方形に収まらず、25mmの正方形に収まるものです。
desk-seal-register-button = 登録する
desk-seal-change-title = 改印する
desk-seal-change-lead = 今の登録を終わらせ、新しい印鑑を登録します。新しい印鑑登録証の番号を渡し、古い印鑑登録証は回収します。
desk-seal-change-button = 改印する
desk-seal-impression = 印影(PNG)
desk-seal-impression-hint = 解像度(dpi)を記録する設定でスキャンしてください。大きさは画像の解像度から測ります。2 MiB まで。
desk-seal-adult-ward = 申請者は成年被後見人です(登録できません)。
desk-seal-error-impression = 印影の PNG ファイルを選んでください。
desk-seal-error-end = 印鑑登録の廃止か亡失を選んでください。
desk-seal-registered = 印鑑を登録しました。印鑑登録証の番号は { $card } です。印鑑登録証を本人に渡してください。
desk-seal-changed = 改印しました。新しい印鑑登録証の番号は { $card } です。古い印鑑登録証は使えません。
desk-seal-end-title-abolished = 印鑑登録を廃止する
desk-seal-end-title-lost = 印鑑登録証の亡失を届け出る
desk-seal-end-lead-abolished = 本人の届出により、登録を廃止します。印鑑登録証は回収します。廃止した登録は元に戻せません。
desk-seal-end-lead-lost = 印鑑または印鑑登録証をなくしたときの届出です。登録は終わり、見つかった印鑑登録証も使えません。改めて登録するときは、新しく登録します。
desk-seal-end-button-abolished = 廃止する
desk-seal-end-button-lost = 亡失を届け出て登録を終える
desk-seal-ended-abolished = 印鑑登録を廃止しました。
desk-seal-ended-lost = 亡失の届出を受け、印鑑登録を終えました。

## コンビニ交付の端末 (issue 13)
problem-shop-code = 店舗コードは英数字、-、_ で { $max } 文字までにしてください。
problem-shop-name = 店舗名を入力してください。
problem-terminal-chain = 端末は、キオスク事業者(kiosk-operator)として登録され、停止・取消されていない事業者にだけ登録できます。
problem-terminal-event = 端末の状態が { $status } のため、この操作はできません。
problem-kiosk-face-recognition-card = 顔認証マイナンバーカードでは、コンビニ交付を利用できません。
problem-kiosk-outside-hours = 利用できる時間外です(6時30分から23時まで)。
problem-kiosk-closed-day = 本日はお休みです(12月29日から1月3日まで)。
problem-kiosk-maintenance = ただいま保守のため停止しています。
problem-kiosk-not-offered = この証明書は、お住まいの市区町村ではコンビニ交付をしていません。
problem-kiosk-not-own = この証明書は、本人の分だけ取得できます。
problem-kiosk-not-household = この証明書は、本人と同じ世帯の方の分だけ取得できます。
problem-kiosk-under-age = この市区町村では、この年齢の方はコンビニ交付を利用できません。
problem-kiosk-move-out-pending = 世帯に転出予定の方がいるため、住民票はコンビニ交付では取得できません。窓口をご利用ください。
problem-kiosk-copies = 通数は1通から10通までです。
problem-kiosk-no-seal = 印鑑登録がないため、印鑑登録証明書は取得できません。
problem-kiosk-seal-options = 印鑑登録証明書には、選べる項目はありません。
problem-kiosk-paid = 料金は { $yen } 円です。
problem-kiosk-not-resident = この市区町村に住民登録がないため、コンビニ交付は利用できません。窓口をご利用ください。
problem-back-format = PNG、JPEG または PDF のファイルを送ってください。
problem-back-too-large = ファイルが大きすぎます（{$max_mib} MiB まで、4,000 万画素まで）。解像度を 300〜600 dpi にしてスキャンしてください。
problem-back-no-image = この PDF にはスキャンした画像がありません。スキャナーで作った PDF か、画像ファイルを送ってください。
problem-back-damaged = ファイルが壊れていて、画像として読めません。
problem-back-no-symbols = 裏面の画像が見つかりません。裏面全体を 300 dpi 以上でスキャンしてください。
problem-back-front-side = 表面がスキャンされています。裏面をスキャンしてください。
problem-back-incomplete = 裏面の画像の一部しか読み取れません（{$count} 個中 {$found} 個）。折り目や汚れのない状態で、裏面全体をスキャンしてください。
problem-back-mixed = 2 枚以上の証明書の裏面が写っています。1 枚ずつスキャンしてください。
problem-back-tampered = この裏面は書き換えられているか、このシステムが発行したものではありません。
problem-kiosk-rules-hours = 受付時間は HH:MM で、開始を終了より前にしてください（終了は 24:00 まで）。
problem-kiosk-rules-closed-days = 休止日は MM-DD の実在する日付で指定してください（例: 12-29）。
problem-kiosk-rules-maintenance = 保守時間は RFC 3339 の日時で、終了を開始より後にしてください（50 件まで）。
problem-kiosk-rules-age = 年齢の下限は 0〜20 歳で指定してください。
problem-kiosk-rules-copies = 部数の上限は 1〜{ $max } 部で指定してください。
problem-kiosk-rules-document = 証明書 { $document } の指定に誤りがあります。証明書は各 1 回、手数料は { $max } 円まで、印鑑登録証明書は本人分のみです。

## 情報提供ネットワークシステムと中間サーバー（issue 14、docs/design/exchange.md）
problem-copy-text = 文字列は前後に空白や制御文字を含めず、定められた文字数以内で指定してください。
problem-copy-number = 数値は半角数字で、定められた範囲内で指定してください。
problem-copy-code = 定められた値のいずれかを指定してください。
problem-copy-field-unknown = 項目 { $field } は { $item } の副本にはありません。
problem-copy-field-twice = 同じ項目が 2 回指定されています。
problem-exchange-unit-form = 機関名は英小文字・数字・「-」「.」「/」の 1〜64 文字で指定してください（例: 131041/mayor）。
problem-exchange-key = 暗号化用の鍵は P-256 の公開鍵（JWK の x と y）で指定してください。
problem-exchange-not-agency = 機関を登録できるのは、有効な個人番号利用事務実施者（number-using）だけです。
problem-exchange-unit-taken = 機関名 { $given } はすでに登録されています。
problem-exchange-batch = 1 回の要求は 1 件以上 { $max } 件以下にしてください。
problem-exchange-acquisition = 取得番号は英数字・「-」「_」の 1〜64 文字で、要求の中で重複しないようにしてください（{ $row } 件目）。
problem-exchange-number-unknown = この個人番号に該当する住民は見つかりません。
problem-exchange-code-form = 機関別符号は 52 文字の符号で指定してください（{ $row } 件目）。
problem-exchange-code-unknown = この機関別符号は、この機関に発行されたものではありません。
problem-exchange-csv = CSV を読み取れません。UTF-8 で、各行の列数を見出しとそろえてください。
problem-exchange-csv-header = CSV の見出しに code と non-disclosure の列が必要です。
problem-exchange-malformed = 照会の内容が定められた形式ではありません。
problem-exchange-signature = 照会の署名を、登録された鍵で検証できません。
problem-exchange-stale = 照会の日時が現在から 5 分以上離れています。新しく作成して送ってください。
problem-exchange-replay = この照会番号の照会にはすでに回答しています。
problem-copy-fields-too-many = 副本の項目が多すぎます（この情報の項目は { $max } 個です）。
problem-exchange-portal-kind = 情報提供等記録開示システム（portal）の機関は、このシステム自身のものとして設けられるため、登録できません。
problem-exchange-provider-out = 提供者の機関が現在有効でないため、照会できません。
problem-receipt-malformed = アクセス記録の証明として読み取れません。このシステムが発行したものをそのまま送ってください。
problem-receipt-signature = アクセス記録の証明の署名を、このシステムの台帳の鍵で確認できません。発行後に書き換えられたか、他のシステムのものです。
