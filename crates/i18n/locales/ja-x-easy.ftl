# やさしい日本語 (easy Japanese): short sentences, everyday words, spaces between phrases.

## Catalog metadata
meta-language-name = やさしい にほんご
meta-script = jp

## Shared values
date = {$year}ねん {$month}がつ {$day}にち
date-era = {$era ->
    [1] めいじ
    [2] たいしょう
    [3] しょうわ
    [4] へいせい
   *[5] れいわ
} {$year ->
    [1] がんねん
   *[other] {$year}ねん
}（{$gyear}ねん） {$month}がつ {$day}にち
sex-male = おとこ
sex-female = おんな
relationship-head = せたいぬし（いえの だいひょう）
relationship-spouse = つま・おっと
relationship-child = こども
relationship-child-in-law = こどもの つま・おっと
relationship-parent = ちち・はは
relationship-grandparent = そふ・そぼ
relationship-grandchild = まご
relationship-sibling = きょうだい
relationship-other-relative = ほかの しんせき
relationship-cohabitant = いっしょに すむ ひと（しんせきでは ない）

## Field labels
field-name = なまえ
field-name-kana = なまえ（カタカナ）
field-alias = つうしょう（とうろくした べつの なまえ）
field-birth-date = うまれた ひ
field-sex = せいべつ
field-address = じゅうしょ
field-previous-address = まえの じゅうしょ
field-relationship = せたいぬしとの かんけい
field-householder = せたいぬし
field-individual-number = こじんばんごう（マイナンバー）
field-resident-code = じゅうみんひょう コード
field-nationality = こくせき・ちいき
field-status-of-residence = ざいりゅう しかく
field-period-of-stay = ざいりゅう きかんが おわる ひ
field-became-resident = じゅうみんに なった ひ
field-issuer = だした しやくしょ・まちやくば
field-issue-date = だした ひ
field-application-id = しんせいしょ ID

## Individual Number notification
notice-title = こじんばんごう（マイナンバー）の おしらせ
notice-intro = あなたの マイナンバーを おしらせします。マイナンバーは ずっと つかう だいじな ばんごうです。
notice-not-proof = この てがみは、あなたが だれかを しょうめい する ものでは ありません。マイナンバーの しょうめいにも なりません。かいしゃや みせに みせても、つかえません。
notice-keep = この てがみは もう いちど もらう ことが できません。だいじに もって いて ください。なくした ときは、マイナンバーが かいてある じゅうみんひょうや マイナンバーカードで ばんごうが わかります。
notice-apply-heading = マイナンバーカードを つくる ほうほう
notice-apply-mail = ゆうびん：いっしょに はいって いる しんせいしょに かおの しゃしんを はって、なまえを かいて、へんしん ようの ふうとうで おくって ください。
notice-apply-online = インターネット：しんせいしょの QRコードを スマートフォンで よみとって ください。または、しんせいの ウェブサイトで 23けたの しんせいしょ IDを いれて、かおの しゃしんを おくって ください。
notice-apply-counter = まどぐち：この てがみと しんせいしょを もって、しやくしょ・まちやくばに きて ください。
notice-apply-free = はじめての カードは おかねが かかりません。カードを うけとる ひにちと ばしょは、あとで おしらせします。

## Card application form
form-title = マイナンバーカードの しんせいしょ
form-photo = かおの しゃしん（たて 4.5cm × よこ 3.5cm）
form-photo-rules = 6かげつ いないに とった しゃしんを はって ください。まえを むいて、ぼうしは かぶらないで、うしろは むじに して ください。しゃしんの うらに なまえと うまれた ひを かいて ください。
form-signature = しんせいする ひとの サイン
form-application-date = しんせいした ひ
form-online = スマートフォンで よみとると、インターネットで しんせい できます
form-moved = なまえや じゅうしょが かわった ときは、この しんせいしょは つかえません。しやくしょ・まちやくばで あたらしい しんせいしょを もらって ください。

## 個人番号カード交付通知書 (card issue notice)
issue-title = マイナンバーカードが できました
issue-intro = あなたの マイナンバーカードが できました。きげんまでに、あなたが まどぐちに きて、うけとって ください。
field-pick-up-by = うけとる きげん
field-pick-up-place = うけとる ばしょ
field-card-expiry = カードを つかえる きげん
field-card-serial = カードの ばんごう
issue-counter = しやくしょ・くやくしょ・ちょうそんやくばの まどぐち
issue-bring-heading = もってくる もの
issue-bring-notice = この おしらせ
issue-bring-identity = あなたが ほんにんだと わかる もの：かおしゃしんが ある もの 1つ（うんてんめんきょしょう、パスポート、ざいりゅうカード など）、または かおしゃしんが ない もの 2つ（けんこうほけんの しかくかくにんしょ、ねんきんてちょう、がくせいしょう、しゃいんしょう など）
issue-bring-old-card = もって いる ひとは、つうちカード、じゅうきカード、いま つかって いる マイナンバーカード
issue-pins-heading = あんしょうばんごうを きめてから きて ください
issue-pin-signature = しょめいようの あんしょうばんごう：えいじ（A～Z）と すうじ（0～9）で 6～16もじ。えいじと すうじを かならず 1つずつ いれます。5かい まちがえると つかえなく なります。
issue-pin-four = ほかの 3つの あんしょうばんごう：すうじ 4けた。3つ おなじ ばんごうでも だいじょうぶです。3かい まちがえると つかえなく なります。
issue-no-pins = かおにんしょうの マイナンバーカードには、あんしょうばんごうを きめません。
issue-proxy = びょうき などで あなたが こられない ときは、きげんまでに しやくしょなどに そうだんして ください。

## 個人番号カード有効期限通知書 (renewal notice)
renewal-title = マイナンバーカードの きげんが ちかい おしらせ
renewal-intro = あなたの マイナンバーカードを つかえる きげんが ちかく なりました。
field-renewal-from = あたらしい カードを もうしこめる ひ
renewal-how = きげんの 3かげつ まえから、あたらしい カードを もうしこめます。いっしょに はいって いる もうしこみしょで、ゆうびん、インターネット、しゃしんの きかい、または まどぐちで もうしこんで ください。おかねは かかりません。
renewal-return = あたらしい カードを うけとる とき、いまの カードを かえして ください。きげんが すぎると、カードも でんししょうめいしょも つかえなく なります。
cert-renewal-title = でんししょうめいしょの きげんが ちかい おしらせ
cert-renewal-intro = あなたの マイナンバーカードに はいって いる でんししょうめいしょを つかえる きげんが ちかく なりました。カードは まだ つかえます。
field-signature-certificate-expiry = しょめいようの でんししょうめいしょを つかえる きげん
field-authentication-certificate-expiry = りようしゃしょうめいようの でんししょうめいしょを つかえる きげん
cert-renewal-how = きげんの 3かげつ まえから、すんで いる しやくしょ・まちやくば・むらやくばの まどぐちで あたらしく できます。マイナンバーカードと ほんにんを たしかめる しょるいを もって きて ください。まどぐちで あんしょうばんごうを いれます。おかねは かかりません。
cert-renewal-lapse = きげんが すぎると、でんししょうめいしょを つかう インターネットの てつづきや、コンビニで しょうめいしょを とる ことが できなく なります。カードは きげんまで、ほんにんを たしかめる しょるいとして つかえます。

## Copy of resident record / certificate of recorded matters
record-title-copy = じゅうみんひょうの うつし
record-title-matters = じゅうみんひょうに かいてある ことの しょうめいしょ
record-certify-copy = これは じゅうみんひょうと おなじ ないようである ことを しょうめいします。
record-certify-matters = うえの ことが じゅうみんひょうに かいてある ことを しょうめいします。
record-members = いっしょに すむ かぞく（せたいの ひと）
record-omitted = たのまれなかった ことは かいて いません。
record-removed = この じゅうみんひょうは もう つかわれて いません（じょひょう）。
record-verification-code = かくにん コード
record-verify-how = QRコードを よみとるか、{$url} で かくにん コードを いれると、この しょうめいしょが かえられて いないか わかります。

## Verification page
verify-title = しょうめいしょの かくにん
verify-genuine = この しょうめいしょは ほんものです。ないようは したの とおりです。
verify-unknown = この かくにん コードの しょうめいしょは ありません。にせものかも しれません。
verify-file-genuine = この ファイルは だした ときの ままです。かえられて いません。
verify-file-altered = この ファイルは だした あとで かえられたか、ここで だした ものでは ありません。

## こうかい ページ: [[漢字|よみ]] は ふりがな に なります。
public-site-name = マイナンバー
public-skip = [[本文|ほんぶん]]へ
public-language = ことば
public-not-official = この サイトは、マイナンバーの しくみを オープンソースで つくった システムです。[[国|くに]]や [[市役所|しやくしょ]]の サイトでは ありません。
public-home-link = トップページ
public-home-title = マイナンバーって なに?
public-contents = この ページに ある こと
public-home-lead = マイナンバーは、[[住民票|じゅうみんひょう]]が ある [[人|ひと]] ひとりに ひとつずつ ある 12けたの [[番号|ばんごう]]です。[[外国|がいこく]]の [[人|ひと]]にも あります。[[税金|ぜいきん]]や [[年金|ねんきん]]、[[災害|さいがい]]の ときの [[手続き|てつづき]]で つかいます。
public-notice-title = [[通知書|つうちしょ]]が とどいたら
public-notice-text = [[番号|ばんごう]]が きまると、「[[個人番号通知書|こじんばんごうつうちしょ]]」が ゆうびんで とどきます。[[番号|ばんごう]]を しらせる かみです。[[番号|ばんごう]]や あなたが [[本人|ほんにん]]で ある ことの [[証明|しょうめい]]には つかえません。なくさないように しまって おいて ください。カードを もうしこむ かみも はいって います。
public-card-title = マイナンバーカード
public-card-text = [[顔写真|かおじゃしん]]が ある カードです。[[本人|ほんにん]]で ある ことを しめす ときに つかえます。カードの [[電子証明書|でんししょうめいしょ]]で、インターネットで [[手続き|てつづき]]が できます。はじめての カードは おかねが かかりません。
public-apply-title = カードの もうしこみ
public-apply-text = もうしこむ かみで、ゆうびん、パソコン、スマートフォン、まちの [[写真|しゃしん]]の きかいから もうしこめます。だいたい 1か[[月|げつ]]で「[[交付通知書|こうふつうちしょ]]」が とどきます。それと [[本人|ほんにん]]を しめす ものを もって、[[市役所|しやくしょ]]の まどぐちに いって カードを うけとります。あんしょうばんごうは うけとる ときに きめます。
public-lost-title = カードを なくしたら
public-lost-text = すぐに [[電話|でんわ]]で カードを とめて ください。24[[時間|じかん]]、[[毎日|まいにち]] うけつけて います。
public-lost-phone = マイナンバー [[総合|そうごう]]フリーダイヤル: 0120-95-0178([[音声|おんせい]]の あんないの 2ばん)
public-lost-phone-foreign = [[外国語|がいこくご]](えいご・ちゅうごくご・かんこくご・スペインご・ポルトガルご): 0120-0178-27
public-lost-next = [[外|そと]]で なくしたら、[[警察|けいさつ]]にも いって、[[受理番号|じゅりばんごう]]を かいて おいて ください。カードが みつかったら、[[市役所|しやくしょ]]の まどぐちで ふたたび つかえるように します([[電話|でんわ]]では できません)。みつからない ときは、まどぐちで あたらしい カードを もうしこみます({$fee}[[円|えん]])。
public-verify-title = [[証明書|しょうめいしょ]]を たしかめる
public-verify-text = [[市役所|しやくしょ]]が だした [[住民票|じゅうみんひょう]]の うつしなどは、かみに ある かくにん コードで、ほんものか どうか たしかめられます。
public-verify-link = かくにん コードを いれる
public-verify-lead = かみに ある 16もじの かくにん コードを いれて ください。
public-verify-hint = れい: K7QM-2XRT-9B4D-HW3P
public-verify-button = たしかめる
public-staff-title = しょくいんの [[方|かた]]へ
public-staff-desk = まどぐちの がめん(しょくいんの ログイン)
public-staff-api = API の せつめい
dev-title = サービスの かいしゃの [[方|かた]]へ: カードで ログインと しょめい
dev-lead = この システムは OpenID Connect の プロバイダです。とうろくした サービスは、マイナンバーカードで ログインして もらったり、ぶんしょに しょめいして もらったり できます。マイナンバーは つかいません。
dev-register-title = とうろく
dev-register-text = かんりしゃが、かいしゃの ほうじんばんごうと やくわり、こうかいかぎ(P-256)、もどる URI を とうろくします。client_id は かいしゃの ID です。ひみつの パスワードは つかいません(private_key_jwt だけ)。
dev-endpoints-title = この システムの エンドポイント
dev-example-title = うごく れい
dev-example-text = この Python の プログラム(Authlib)は、ログインして ID トークンを たしかめ、どういした こうもくを よみます。client_id と かぎの ファイルと URI を かえて ください。
dev-sign-title = しょめい
dev-sign-text = しょめいけんしょうしゃの かいしゃは、ぶんしょの SHA-256 で しょめいの とりひきを はじめ、scope に openid sign を つけて ログインに おくります。そのあと、けっかを じぶんの かぎで ひらける JWE で うけとります。
dev-home-link = サービスの かいしゃの [[方|かた]]へ(カードで ログインと しょめい)

## API errors (the public API answers in its reader's language; staff's are in locales/desk/)
api-error-body-too-large = おくった ものが おおきすぎます。
api-error-conflict = おなじ ときに ほかの しょりが ありました。もう いちど して ください。
api-error-document-not-genuine = この ぶんしょは、だした ときの ものと ちがいます。
api-error-forbidden = あなたの やくわりでは、これは できません。
api-error-import-changed = とりこんで いる ファイルが、まえと かわりました。はじめから とりこんで ください。
api-error-imported-before = この ファイルは もう とりこんで あります。
api-error-internal-error = もんだいが ありました。あとで もう いちど して ください。
api-error-invalid-body = おくった ものの かたちが ただしく ありません。
api-error-invalid-input = かいた ものに まちがいが あります。それぞれの せつめいを みて ください。
api-error-malformed-body = おくった ものを よめませんでした（JSONを たしかめて ください）。
api-error-method-not-allowed = ここでは、この そうさは できません。
api-error-not-found = さがして いる ものは ありません。
api-error-not-verified = たしかめられませんでした（しょめいが ただしく ありません）。
api-error-number-not-current = この マイナンバーは いまの ばんごうでは ありません（かわりました）。
api-error-procedure-refused = いまの きろくでは、この てつづきは できません。
api-error-render-failed = ぶんしょを つくれませんでした。
api-error-too-many-failures = なんども まちがえました。すこし まって から もう いちど して ください。
api-error-unauthenticated = ただしい トークンが ひつようです。
api-error-unavailable = いまは つかえません。すこし まって から もう いちど して ください。
api-error-unsupported-media-type = おくる ものの かたち（Content-Type）を たしかめて ください。
api-error-wrong-pin = あんしょうばんごうが ちがいます。のこりの かいすうを みて ください。
problem-verification-code-16-letters = かくにん コードは えいすうじ 16もじです（れい: K7QM-2XRT-9B4D-HW3P）。

# Log-in with the card (issue 12, docs/design/oidc.md).
login-title = マイナンバーカードで ログイン
login-asks = { $client } が、あなたが [[本人|ほんにん]] か たしかめたい と いっています。
login-items-heading = もとめられて いる こと
login-no-items = あなたが [[本人|ほんにん]] か たしかめる だけ です。ほかの ことは おくりません。
login-item-openid = [[本人|ほんにん]] か たしかめる こと
login-item-name = なまえ
login-item-address = [[住所|じゅうしょ]]
login-item-birthdate = うまれた [[日|ひ]]
login-item-gender = [[性別|せいべつ]]
login-item-sign = カードで [[署名|しょめい]] する こと（そのたびに また ききます）
login-item-latest-four = あたらしい なまえ・じゅうしょ・うまれた ひ・せいべつ を、かわった とき に この かいしゃ に おしえる こと（1ねん の あいだ）
login-card-heading = カードで たしかめる
login-card-text = [[認証|にんしょう]] アプリを ひらいて、カードを よみとって ください。4けたの [[暗証番号|あんしょうばんごう]] を いれて ください。アプリに この ばんごうが でて いるか みて ください。
login-confirmation = たしかめる ばんごう
login-app-command = パソコンの mynumber アプリでは、したの コマンドを つかいます。ほかの きかいの アプリでは、QRコードを よみとって ください。
login-qr-label = [[認証|にんしょう]] アプリで よみとる QRコード
login-waiting = カードを まって います。アプリで おわったら「つぎへ」を おして ください。
login-continue = つぎへ
login-consent-heading = じょうほうを おくりますか
login-consent-text = カードで あなたが [[本人|ほんにん]] だと わかりました。いい ときは、{ $client } に うえの じょうほうを おくります。
login-agree = いい です。つづける
login-decline = おくらない
login-finished = この ログインは おわりました。この ページを とじて いい です。
login-expired = じかんが すぎました。サービスに もどって、もう いちど はじめて ください。
login-other-browser = この ログインは ほかの ブラウザで はじめました。はじめた ブラウザで つづけて ください。
login-not-found = この ログインは ありません。サービスに もどって、もう いちど はじめて ください。
login-bad-request = サービスから きた ないようが まちがって います。サービスに もどって ください。
login-bad-client = この サービスは [[登録|とうろく]] されて いないか、もどる ばしょが ちがいます。ログインを はじめられません。
login-failed = ログインが できませんでした。すこし まってから、もう いちど して ください。
login-logged-out = ログアウト しました。ログインの たびに カードで たしかめるので、のこって いる ログインは ありません。

## Prints on plain paper: the seal certificate, the back (scramble image) and its inquiry page
seal-certificate-title = いんかん とうろく しょうめいしょ
seal-certificate-certify = この いんえい（はんこの かたち）は、とうろく した はんこと おなじです。
field-seal-impression = いんえい（はんこの かたち）
back-heading = うら: おもての ないようを わからないように した え
back-how = この めんを スキャンして {$url} に おくると、だした ときの おもての ないようが でます。てもとの おもてと くらべて ください。
public-back-title = [[裏|うら]]の えで たしかめる
public-back-lead = コンビニで いんさつした [[証明書|しょうめいしょ]]の うらを スキャンして おくると、だした ときの おもてが でます。てもとの おもてと 1もじずつ くらべて ください。
public-back-file = うらの スキャン
public-back-hint = PNG、JPEG、PDF の どれか。うら ぜんぶを 300 dpi いじょうで スキャンして ください。
public-back-submit = よみとる
public-back-genuine = この うらは ほんものです。だした ときの おもては したの とおりです。
public-back-withheld = いんさつ されて います（ここには だしません）
public-back-person = かいて ある ひと
problem-back-format = PNG、JPEG、PDF の ファイルを おくって ください。
problem-back-too-large = ファイルが おおきすぎます（{$max_mib} MiB まで）。300〜600 dpi で スキャンして ください。
problem-back-no-image = この PDF には スキャンした えが ありません。スキャナーで つくった PDF か、えの ファイルを おくって ください。
problem-back-damaged = ファイルが こわれて いて よめません。
problem-back-no-symbols = うらの えが みつかりません。うら ぜんぶを 300 dpi いじょうで スキャンして ください。
problem-back-front-side = おもてが スキャン されて います。うらを スキャンして ください。
problem-back-incomplete = うらの いちぶしか よめません（{$count}この うち {$found}こ）。おれめや よごれが ない ように して、うら ぜんぶを スキャンして ください。
problem-back-mixed = 2まい いじょうの うらが あります。1まいずつ スキャンして ください。
problem-back-tampered = この うらは かえられて いるか、ほんものでは ありません。

## あなたの じょうほう（マイナポータル、issue 14、docs/design/portal.md）
portal-title = あなたの [[情報|じょうほう]]
portal-lead = マイナンバーカードで ログインすると、あなたの [[住民票|じゅうみんひょう]]、カード、[[電子証明書|でんししょうめいしょ]]を みる ことが できます。[[役所|やくしょ]]などが あなたの [[情報|じょうほう]]を やりとりした [[記録|きろく]]と、[[職員|しょくいん]]や [[役所|やくしょ]]などが あなたの [[記録|きろく]]を つかった [[記録|きろく]]も みる ことが できます。ログインに マイナンバーは つかいません。
portal-login-button = マイナンバーカードで ログイン
portal-login-asks = この システムの「あなたの [[情報|じょうほう]]」に ログインします。カードで あなたが [[本人|ほんにん]] か たしかめます。
portal-logout = ログアウト
portal-logged-out = ログアウト しました。
portal-nav-label = あなたの [[情報|じょうほう]]の ページ
portal-nav-info = わたしの [[情報|じょうほう]]
portal-nav-exchanges = やりとりの [[記録|きろく]]
portal-nav-access = アクセスの [[記録|きろく]]
portal-session-ended = ログインの じかんが すぎました。もう いちど ログイン して ください。
portal-record-heading = じゅうみんひょう
portal-household-heading = せたい（いっしょに すむ ひと）
portal-cards-heading = マイナンバーカード
portal-cards-none = マイナンバーカードは ありません。
portal-card-status = いまの じょうたい
portal-card-active = つかって います
portal-card-produced = うけとるのを まって います
portal-card-suspended = いまは とめて います
portal-card-ended = もう つかいません
portal-certificates-heading = カードの [[電子証明書|でんししょうめいしょ]]
portal-certificates-none = でんししょうめいしょは ありません。
portal-certificate-signature = しょめいようの [[電子証明書|でんししょうめいしょ]]
portal-certificate-authentication = りようしゃしょうめいようの [[電子証明書|でんししょうめいしょ]]
portal-certificate-good = つかえます
portal-certificate-held = いまは つかえません（いちじ ほりゅう）
portal-certificate-revoked = もう つかえません（しっこう）
portal-valid-until = つかえる きげん
portal-exchanges-lead = これは、[[役所|やくしょ]]などが、[[役所|やくしょ]]どうしで [[情報|じょうほう]]を やりとりする システムを つかって、あなたの [[情報|じょうほう]]を やりとりした [[記録|きろく]]です。マイナンバーでは なく、[[役所|やくしょ]]ごとに ちがう [[番号|ばんごう]]（ふごう）で きいて います。
portal-exchanges-none = やりとりの [[記録|きろく]]は ありません。
portal-exchanges-hidden = ほかに、[[情報|じょうほう]]を だした [[役所|やくしょ]]が「みせない」と きめた [[記録|きろく]]が { $count }こ あります。その なかみは みせません。
portal-col-when = いつ
portal-col-requester = きいた [[役所|やくしょ]]
portal-col-provider = じょうほうを だした [[役所|やくしょ]]
portal-col-procedure = なんの [[手続き|てつづき]]
portal-col-item = どんな [[情報|じょうほう]]
portal-col-outcome = けっか
portal-outcome-provided = だしました
portal-outcome-not-found = その [[情報|じょうほう]]は ありませんでした
portal-item-resident-household = じゅうみんひょうの [[情報|じょうほう]]
portal-item-local-tax = ちほうぜい（[[市|し]]や [[県|けん]]の [[税金|ぜいきん]]）の [[情報|じょうほう]]
portal-item-child-allowance = じどうてあて（こどもの ための おかね）の [[情報|じょうほう]]
portal-procedure-child-allowance = じどうてあて（こどもの ための おかね）を はらう こと
portal-procedure-national-health-insurance = こくみんけんこうほけんの ほけんりょう
portal-procedure-school-expense-aid = しゅうがくえんじょ（がっこうの おかねの てだすけ）
portal-procedure-national-pension = こくみんねんきんの ほけんりょうを はらわなくて いい こと（めんじょ）
portal-procedure-self-disclosure = あなたに [[情報|じょうほう]]を わたす こと
portal-access-lead = これは、[[職員|しょくいん]]や [[役所|やくしょ]]などが、あなたの [[記録|きろく]]、マイナンバー、カードを つかった [[記録|きろく]]です。あとから かえる ことが できない かたちで のこして います。
portal-access-none = きろくは ありません。
portal-col-who = だれが
portal-col-action = なにを
portal-col-purpose = なんの ため
portal-col-where = きろくした ところ
portal-who-staff = しょくいん
portal-who-agency = やくしょ など（ぎょうせいきかん）
portal-who-relying-party = かいしゃ など（じぎょうしゃ）
portal-who-resident = あなた
portal-who-kiosk = コンビニの きかい
portal-who-system = システム
portal-action-number-read = マイナンバーを みました
portal-action-number-lookup = マイナンバーで [[記録|きろく]]を さがしました
portal-action-record-read = じゅうみんひょうを みました
portal-action-agency-code-issued = やくしょ などに あなた ようの [[番号|ばんごう]]（ふごう）を だしました
portal-action-card-login-authenticated = カードで ログイン しました
portal-action-access-history-read = アクセスの [[記録|きろく]]を みました
portal-action-exchange-history-read = やりとりの [[記録|きろく]]を みました
portal-action-access-history-receipt = アクセスの [[記録|きろく]]の [[証明|しょうめい]]を うけとりました
portal-action-portal-signed-in = 「あなたの [[情報|じょうほう]]」に ログイン しました
portal-action-own-record-read = 「あなたの [[情報|じょうほう]]」を みました
portal-action-portal-card-authenticated = 「あなたの [[情報|じょうほう]]」に ログイン する ために、カードを たしかめました
portal-action-portal-signed-out = 「あなたの [[情報|じょうほう]]」から ログアウト しました
portal-action-card-applied = カードを つくる [[申請|しんせい]]を うけつけました
portal-action-card-produced = カードを つくりました
portal-action-card-handed-over = カードを あなたに わたしました
portal-action-certificate-issued = カードの [[電子証明書|でんししょうめいしょ]]を だしました
portal-action-import = じゅうみんひょうを [[登録|とうろく]] しました
portal-action-other = ほかの しょり（{ $code }）
portal-receipt-heading = この [[記録|きろく]]の [[証明|しょうめい]]
portal-receipt-text = この [[記録|きろく]]を、[[証明|しょうめい]]の ファイルとして うけとる ことが できます。この システムの かぎで しょめい して あります。ファイルを とって おくと、あとで [[記録|きろく]]が かえられて いないか たしかめられます。
portal-receipt-download = しょうめいの ファイルを ダウンロード
portal-check-heading = とって おいた [[証明|しょうめい]]を たしかめる
portal-check-text = まえに うけとった [[証明|しょうめい]]の ファイルを えらんで ください。しょめいが ただしいか、[[記録|きろく]]が いまも おなじか たしかめます。
portal-check-file = しょうめいの ファイル
portal-check-button = たしかめる
portal-check-intact = この [[証明|しょうめい]]は ほんものです。[[証明|しょうめい]]に ある { $count }この [[記録|きろく]]は、ぜんぶ いまも おなじです。
portal-check-altered = この [[証明|しょうめい]]は ほんものです。でも、[[証明|しょうめい]]に ある [[記録|きろく]]の うち { $count }かしょが いまは ちがいます。[[市役所|しやくしょ]]などに きいて ください。
portal-check-invalid = この ファイルは、この システムが だした [[証明|しょうめい]]か どうか たしかめられません。
portal-suspend-heading = カードを なくしたら
portal-suspend-text = カードを なくしたら、ここで すぐに カードを とめる ことが できます（24[[時間|じかん]] いつでも）。カードの [[電子証明書|でんししょうめいしょ]]も つかえなく なります。みつかったら、[[市役所|しやくしょ]]の まどぐちで ふたたび つかえるように して ください。
portal-suspend-button = カードを とめる
portal-suspend-done = カードを とめました。[[電子証明書|でんししょうめいしょ]]も つかえなく なりました。みつかったら、[[市役所|しやくしょ]]の まどぐちで ふたたび つかえるように できます。
portal-nav-data = やくしょ などに ある [[情報|じょうほう]]
portal-data-lead = これは、[[役所|やくしょ]]などが もって いる あなたの [[情報|じょうほう]]です。[[役所|やくしょ]]どうしで [[情報|じょうほう]]を やりとりする システムを つかって、とりよせて みせて います。とりよせた ことは、やりとりの [[記録|きろく]]に のこります。
portal-data-none = とりよせられる [[情報|じょうほう]]は ありません。
portal-data-from = じょうほうを だした [[役所|やくしょ]]
portal-field-relationship = せたいぬしとの かんけい
portal-field-head-name = せたいぬしの なまえ
portal-field-household-size = せたいの [[人数|にんずう]]
portal-field-resident-since = じゅうみんに なった ひ
portal-field-fiscal-year = ぜいきんの [[年度|ねんど]]
portal-field-total-income = しょとくの ごうけい（[[円|えん]]）
portal-field-taxable-income = ぜいきんを けいさん する もとの きんがく（[[円|えん]]）
portal-field-income-levy = ちほうぜいの うち、しょとくで きまる ぶん（[[円|えん]]）
portal-field-per-capita-levy = ちほうぜいの うち、みんな おなじ きんがくの ぶん（[[円|えん]]）
portal-field-dependants = やしなって いる かぞくの かず（ふようしんぞく）
portal-field-non-taxable = ちほうぜいが かからない（ひかぜい）
portal-field-status = てあての いまの ようす
portal-field-children = てあてを もらえる こどもの かず
portal-field-monthly-amount = ひとつきに もらう おかね（[[円|えん]]）
portal-field-since = はらいはじめた ひ
portal-value-yes = はい
portal-value-no = いいえ
portal-value-paying = はらって います
portal-value-suspended = いまは とめて います
portal-value-ended = おわりました
portal-nav-notices = おしらせ
portal-notices-none = おしらせは ありません。
portal-notices-unread = まだ よんで いない おしらせが { $count }こ あります。
portal-notice-unread = まだ よんで いません
portal-notice-card-expiry = マイナンバーカードを つかえる きげんが ちかく なりました
portal-notice-card-expiry-text = あなたの マイナンバーカードを つかえる きげんは { $date } です。いま、あたらしく する ことが できます。[[市役所|しやくしょ]]の まどぐちで [[手続き|てつづき]]を して ください。
portal-notice-certificate-expiry = カードの [[電子証明書|でんししょうめいしょ]]を つかえる きげんが ちかく なりました
portal-notice-certificate-expiry-text = あなたの [[電子証明書|でんししょうめいしょ]]を つかえる きげんは { $date } です。いま、あたらしく する ことが できます。[[市役所|しやくしょ]]の まどぐちで [[手続き|てつづき]]を して ください。
portal-nav-consents = あなたの [[同意|どうい]]
portal-consents-lead = マイナンバーカードで ログイン した とき、あなたが [[同意|どうい]] した かいしゃ など（じぎょうしゃ）です。この かいしゃ などは、あなたの なまえ・[[住所|じゅうしょ]]・うまれた [[日|ひ]]・[[性別|せいべつ]]が かわる たびに、あたらしい [[情報|じょうほう]]を うけとります（さいしん きほん 4じょうほう ていきょう。[[同意|どうい]] した ときから 1ねん の あいだ）。いつでも [[同意|どうい]]を やめる ことが できます。
portal-consents-none = あなたが [[同意|どうい]] した かいしゃ などは ありません。
portal-consent-to = あなたが [[同意|どうい]] した かいしゃ など
portal-consent-withdraw = この [[同意|どうい]]を やめる
portal-consent-withdrawn = あなたの [[同意|どうい]]を やめました。この かいしゃ などには、もう あなたの あたらしい [[情報|じょうほう]]を おくりません。
