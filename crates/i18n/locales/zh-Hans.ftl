# 简体中文 (Simplified Chinese).

## Catalog metadata
meta-language-name = 简体中文
meta-script = sc

## Shared values
date = {$year}年{$month}月{$day}日
date-era = {$era ->
    [1] 明治
    [2] 大正
    [3] 昭和
    [4] 平成
   *[5] 令和
}{$year ->
    [1] 元
   *[other] {$year}
}年（{$gyear}年）{$month}月{$day}日
sex-male = 男
sex-female = 女
relationship-head = 户主
relationship-spouse = 配偶
relationship-child = 子女
relationship-child-in-law = 子女的配偶
relationship-parent = 父母
relationship-grandparent = 祖父母
relationship-grandchild = 孙子女
relationship-sibling = 兄弟姐妹
relationship-other-relative = 其他亲属
relationship-cohabitant = 同住人（非亲属）

## Field labels
field-name = 姓名
field-name-kana = 姓名（片假名）
field-alias = 通称（登记的别名）
field-birth-date = 出生日期
field-sex = 性别
field-address = 住址
field-previous-address = 原住址
field-relationship = 与户主的关系
field-householder = 户主
field-individual-number = 个人编号
field-resident-code = 居民票代码
field-nationality = 国籍・地区
field-status-of-residence = 在留资格
field-period-of-stay = 在留期限截止日
field-became-resident = 成为居民的日期
field-issuer = 发行市区町村
field-issue-date = 发行日期
field-application-id = 申请书ID

## Individual Number notification
notice-title = 个人编号通知书
notice-intro = 特此通知您的个人编号（My Number）。这是您终身使用的重要号码。
notice-not-proof = 本通知书既不能证明您的身份，也不能证明您的个人编号。不能作为身份证明文件或个人编号的证明使用，企业也不得接受本通知书。
notice-keep = 本通知书不会补发，请妥善保管。如果遗失，可以通过记载个人编号的居民票副本或个人编号卡（My Number卡）确认您的号码。
notice-apply-heading = 如何申请个人编号卡（My Number卡）
notice-apply-mail = 邮寄：在随附的交付申请书上贴好本人照片并签名，用回邮信封寄回。
notice-apply-online = 网上申请：用智能手机扫描申请书上的二维码，或在申请网站输入23位申请书ID，然后上传本人照片。
notice-apply-counter = 窗口申请：请携带本通知书和申请书前往市区町村政府窗口。
notice-apply-free = 首次发卡免费。领取日期和地点将另行通知。

## Card application form
form-title = 个人编号卡交付申请书
form-photo = 照片（高4.5厘米×宽3.5厘米）
form-photo-rules = 请贴6个月内拍摄的正面、免冠、无背景的照片，并在照片背面写上姓名和出生日期。
form-signature = 申请人签名
form-application-date = 申请日期
form-online = 用智能手机扫描即可在网上申请
form-moved = 如果您的姓名或住址已变更，本申请书将无法使用。请到市区町村政府领取新的申请书。

## 领取通知书
issue-title = 个人编号卡领取通知书
issue-intro = 您的个人编号卡（My Number卡）已制作完成。请在领取期限之前，本人到窗口领取。
field-pick-up-by = 领取期限
field-pick-up-place = 领取地点
field-card-expiry = 卡的有效期限
field-card-serial = 卡号
issue-counter = 市区町村政府的窗口
issue-bring-heading = 领取时请携带
issue-bring-notice = 本通知书
issue-bring-identity = 身份证明文件：带照片的证件1件（驾驶执照、护照、在留卡等），或不带照片的证件2件（健康保险资格确认书、年金手册、学生证、工作证等）
issue-bring-old-card = 如持有，请携带通知卡、住民基本台账卡或目前使用的个人编号卡
issue-pins-heading = 请事先决定好密码再来
issue-pin-signature = 签名用电子证明书的密码：由英文字母（A～Z）和数字（0～9）组成的6～16个字符，字母和数字各至少使用1个。连续输错5次将被锁定。
issue-pin-four = 用户证明用电子证明书、住民基本台账、卡面事项输入辅助的密码：各为4位数字，三个可以相同。连续输错3次将被锁定。
issue-no-pins = 人脸认证个人编号卡不设置密码。
issue-proxy = 如因生病等原因本人无法前来，请在领取期限之前与市区町村政府联系。

## 有效期限通知书
renewal-title = 个人编号卡有效期限通知书
renewal-intro = 您的个人编号卡即将到期。
field-renewal-from = 可申请更新的日期
renewal-how = 自有效期限前3个月起可以申请更新。请使用随附的交付申请书，通过邮寄、网上、证件照相机或窗口申请。更新免费。
renewal-return = 领取新卡时，请交还现在使用的卡。超过有效期限后，卡和电子证明书都将无法使用。
cert-renewal-title = 电子证明书有效期限通知书
cert-renewal-intro = 您的个人编号卡上的电子证明书即将到期。卡本身的有效期限还较长。
field-signature-certificate-expiry = 签名用电子证明书的有效期限
field-authentication-certificate-expiry = 用户证明用电子证明书的有效期限
cert-renewal-how = 自有效期限前3个月起，可以在您居住的市区町村窗口更新。请携带个人编号卡和身份证明文件。需在窗口输入密码。更新免费。
cert-renewal-lapse = 超过有效期限后，将无法使用电子证明书办理网上手续或在便利店领取证明书。卡本身在其有效期限之前仍可作为身份证明文件使用。

## Copy of resident record / certificate of recorded matters
record-title-copy = 居民票副本
record-title-matters = 居民票记载事项证明书
record-certify-copy = 兹证明本副本与居民票原本内容一致。
record-certify-matters = 兹证明以上事项已记载于居民票。
record-members = 户内成员
record-omitted = 未申请的事项已省略。
record-removed = 此居民票已被注销（作为除票保存）。
record-verification-code = 验证码
record-verify-how = 扫描二维码，或在 {$url} 输入验证码，即可确认本证明书未被篡改。

## Verification page
verify-title = 证明书验证
verify-genuine = 此证明书由本系统发行，内容如下。
verify-unknown = 找不到此验证码对应的证明书，文件可能是伪造的。
verify-file-genuine = 此文件与发行时完全一致，未被篡改。
verify-file-altered = 此文件在发行后被修改过，或并非由本系统发行。

## 公开页面（首页与证明书核验）
public-site-name = 个人编号（My Number）
public-skip = 跳到正文
public-language = 语言
public-not-official = 本网站运行的是个人编号制度的开源实现，不是国家或市区町村的官方网站。
public-home-link = 首页
public-contents = 本页内容
public-home-title = 什么是个人编号（My Number）？
public-home-lead = 个人编号是发给在日本有居民票的每个人的12位号码，一人一个。有居民票的外国居民也有个人编号。它用于社会保障、税务、防灾等行政手续。
public-notice-title = 收到个人编号通知书时
public-notice-text = 编号确定后，"个人编号通知书"会邮寄到家。它用于告知您的编号，不能用来证明编号或本人身份。请妥善保管。信封里附有个人编号卡的申请书。
public-card-title = 个人编号卡
public-card-text = 这是一张带有本人照片的卡，可以作为身份证明文件使用。利用卡上的电子证明书，可以在网上办理手续。第一次办卡免费。
public-apply-title = 如何申请个人编号卡
public-apply-text = 可以使用申请书，通过邮寄、电脑、智能手机或街头的证件照相机申请。大约一个月后会收到领卡通知书。请带着领卡通知书和身份证明文件到市区町村的窗口领取卡。密码在领卡时设定。
public-lost-title = 卡丢失时
public-lost-text = 请立即打电话暂停卡的使用。暂停受理24小时、全年无休。
public-lost-phone = 个人编号综合免费电话：0120-95-0178（语音提示的2号）
public-lost-phone-foreign = 英语、中文、韩语、西班牙语、葡萄牙语：0120-0178-27
public-lost-next = 在外面丢失时，也请向警察报案，并记下受理编号。找到卡后，请到市区町村的窗口解除暂停（不能通过电话解除）。找不到时，请到窗口申报并申请补办（手续费{$fee}日元）。
public-verify-title = 核验证明书
public-verify-text = 市区町村发行的居民票副本等证明书，可以用上面印的核验码确认是否为正式发行的文件。
public-verify-link = 输入核验码
public-verify-lead = 请输入文件上印的16位核验码。
public-verify-hint = 例：K7QM-2XRT-9B4D-HW3P
public-verify-button = 核验
public-staff-title = 工作人员
public-staff-desk = 窗口画面（工作人员登录）
public-staff-api = API 参考
dev-title = 面向服务方：使用个人编号卡登录与电子签名
dev-lead = 本系统是 OpenID Connect 提供方。经管理员登记的服务可以让居民使用个人编号卡登录，并请居民对文件签名。登录和签名都不使用个人编号。
dev-register-title = 登记
dev-register-text = 管理员登记贵组织的法人编号和角色、公钥（P-256）以及重定向 URI。client_id 即贵组织的 ID。客户端仅以 private_key_jwt（ES256）认证，不使用共享密钥。
dev-endpoints-title = 本环境的端点
dev-example-title = 可运行的示例
dev-example-text = 下面的 Python 程序（Authlib）使用 PKCE 和 nonce 让居民登录，用 JWKS 验证 ID 令牌，并读取已同意的项目。请替换 client id、密钥文件和重定向 URI。
dev-sign-title = 电子签名
dev-sign-text = 登记为签名验证者的组织使用组织令牌和文件的 SHA-256 发起签名事务，然后以 scope openid sign 和 sign_transaction_id 让居民登录。登录后，以加密给自身密钥的 JWE 取得结果。
dev-home-link = 面向服务方（使用卡登录与电子签名）

## API errors (the public API answers in its reader's language; staff's are in locales/desk/)
api-error-body-too-large = 发送的内容太大。
api-error-conflict = 同一时间有其他处理更改了此内容。请重试。
api-error-document-not-genuine = 此文件与发行时的内容不一致。
api-error-forbidden = 您的角色或所属市区町村不允许此操作。
api-error-import-changed = 正在导入的文件与上次不同。请从头重新导入。
api-error-imported-before = 此文件已经导入过。
api-error-internal-error = 处理时出现问题。请稍后重试。问题已被记录。
api-error-invalid-body = 发送内容的项目或类型不正确。
api-error-invalid-input = 部分输入内容有误，请查看各项目的说明。
api-error-malformed-body = 无法读取发送的内容（请检查 JSON 格式）。
api-error-method-not-allowed = 此路径不接受该操作方法。
api-error-not-found = 未找到相关内容。
api-error-not-verified = 无法验证（签名或证书无效）。
api-error-number-not-current = 此个人编号不是当前的编号（已被变更）。
api-error-procedure-refused = 以该记录的当前状态，无法办理此手续。
api-error-render-failed = 无法生成文件。问题已被记录。
api-error-too-many-failures = 认证失败次数过多。请稍等后再试。
api-error-unauthenticated = 需要有效的令牌。
api-error-unavailable = 暂时无法使用。请稍等后再试。
api-error-unsupported-media-type = 请检查发送内容的格式（Content-Type）。
api-error-wrong-pin = 密码不正确。请查看剩余次数。
problem-verification-code-16-letters = 验证码由16个字母和数字组成，例如 K7QM-2XRT-9B4D-HW3P。

# Log-in with the card (issue 12, docs/design/oidc.md).
login-title = 使用个人编号卡登录
login-asks = { $client } 请求确认您是本人。
login-items-heading = 请求的信息
login-no-items = 仅确认您是本人，不会发送其他信息。
login-item-openid = 确认本人
login-item-name = 姓名
login-item-address = 地址
login-item-birthdate = 出生日期
login-item-gender = 性别
login-item-sign = 使用卡进行电子签名（每次签名都会重新确认）
login-item-latest-four = 变更后向该机构提供您最新的姓名、住址、出生日期和性别（为期一年）
login-card-heading = 用卡确认
login-card-text = 请启动认证应用读取您的卡，并输入用户认证用电子证书的4位数字密码。请确认应用中显示以下确认号码：
login-confirmation = 确认号码
login-app-command = 在电脑上使用 mynumber 应用时，请运行以下命令。使用其他设备上的应用时，请扫描二维码。
login-qr-label = 供认证应用扫描的二维码
login-waiting = 正在等待用卡确认。应用显示完成后，请点击“继续”。
login-continue = 继续
login-consent-heading = 要发送您的信息吗？
login-consent-text = 已通过卡确认您是本人。如果您同意，{ $client } 将收到上述信息。
login-agree = 同意并继续
login-decline = 不发送
login-finished = 此次登录已结束。您可以关闭此页面。
login-expired = 此次登录已超时。请返回服务重新开始。
login-other-browser = 此次登录是在其他浏览器中开始的。请在该浏览器中继续。
login-not-found = 找不到此次登录。请返回服务重新开始。
login-bad-request = 服务发送的请求有误，无法开始登录。请返回服务。
login-bad-client = 此服务未登记，或其返回地址与登记不符，无法开始登录。
login-failed = 无法处理登录。请稍后再试。
login-logged-out = 您已退出登录。本系统每次登录都会用卡确认，因此不会保留登录状态。

## Prints on plain paper: the seal certificate, the back (scramble image) and its inquiry page
seal-certificate-title = 印章登记证明书
seal-certificate-certify = 兹证明上述印影与登记的印章相符。
field-seal-impression = 印影
back-heading = 背面：将正面内容加密后的图像（加密图像）
back-how = 扫描此面并在 {$url} 上传，即可显示签发时的正面内容。请与手中的正面对照，确认没有被改写。
public-back-title = 用背面图像核对
public-back-lead = 上传在便利店等处打印的证明书背面的扫描件，即可显示签发时的正面内容。请与手中的正面逐字对照。
public-back-file = 背面扫描件
public-back-hint = PNG、JPEG 或 PDF。请以 300 dpi 以上扫描整个背面。
public-back-submit = 读取
public-back-genuine = 此背面由本系统签发。签发时的正面内容如下。
public-back-withheld = 已打印（本页面不显示）
public-back-person = 所记载的人
problem-back-format = 请上传 PNG、JPEG 或 PDF 文件。
problem-back-too-large = 文件太大（最多 {$max_mib} MiB、4000 万像素）。请以 300–600 dpi 扫描。
problem-back-no-image = 此 PDF 中没有扫描图像。请上传扫描仪生成的 PDF 或图像文件。
problem-back-damaged = 文件已损坏，无法作为图像读取。
problem-back-no-symbols = 未找到背面图像。请以 300 dpi 以上扫描整个背面。
problem-back-front-side = 扫描的是正面。请扫描背面。
problem-back-incomplete = 只能读取背面图像的一部分（{$count} 个中的 {$found} 个）。请将背面平整、干净地完整扫描。
problem-back-mixed = 扫描件中包含两张以上证明书的背面。请逐张扫描。
problem-back-tampered = 此背面已被改写，或并非本系统签发。

## 您的信息（个人门户，issue 14，docs/design/portal.md）
portal-title = 您的信息
portal-lead = 使用个人编号卡登录后，可以查看您的居民票、您的卡和电子证明书、行政机关交换您的信息的记录，以及工作人员和机关处理您的记录的记录。登录时不使用个人编号。
portal-login-button = 使用个人编号卡登录
portal-login-asks = 为了登录本系统的“您的信息”，将用卡确认您是本人。
portal-logout = 退出登录
portal-logged-out = 您已退出登录。
portal-nav-label = 您的信息的页面
portal-nav-info = 我的信息
portal-nav-exchanges = 信息交换记录
portal-nav-access = 访问记录
portal-session-ended = 登录已超时。请重新登录。
portal-record-heading = 居民票
portal-household-heading = 户
portal-cards-heading = 个人编号卡
portal-cards-none = 您没有个人编号卡。
portal-card-status = 状态
portal-card-active = 使用中
portal-card-produced = 待领取
portal-card-suspended = 暂停中
portal-card-ended = 已停止使用
portal-certificates-heading = 电子证明书
portal-certificates-none = 您没有电子证明书。
portal-certificate-signature = 签名用电子证明书
portal-certificate-authentication = 用户证明用电子证明书
portal-certificate-good = 有效
portal-certificate-held = 暂时保留中
portal-certificate-revoked = 已失效
portal-valid-until = 有效期限
portal-exchanges-lead = 这是行政机关通过信息提供网络系统（各机关之间相互提供信息的系统）交换您的信息的记录。查询时使用的是各机关专用的代码，而不是您的个人编号。
portal-exchanges-none = 没有信息交换的记录。
portal-exchanges-hidden = 此外，还有 { $count } 条记录被提供信息的机关设为不公开，其内容不予显示。
portal-col-when = 日期时间
portal-col-requester = 查询的机关
portal-col-provider = 提供的机关
portal-col-procedure = 事务
portal-col-item = 信息
portal-col-outcome = 结果
portal-outcome-provided = 已提供
portal-outcome-not-found = 没有相应的信息
portal-item-resident-household = 居民票相关信息
portal-item-local-tax = 地方税相关信息
portal-item-child-allowance = 儿童津贴相关信息
portal-procedure-child-allowance = 儿童津贴的发放
portal-procedure-national-health-insurance = 国民健康保险的保险费
portal-procedure-school-expense-aid = 就学援助
portal-procedure-national-pension = 国民年金保险费的免除
portal-procedure-self-disclosure = 向本人提供信息
portal-access-lead = 这是工作人员和机关处理您的记录、个人编号和卡的记录。这些记录保存在事后无法改写的台账中。
portal-access-none = 没有记录。
portal-col-who = 谁
portal-col-action = 做了什么
portal-col-purpose = 目的
portal-col-where = 记录的地方
portal-who-staff = 工作人员
portal-who-agency = 行政机关
portal-who-relying-party = 企业
portal-who-resident = 您
portal-who-kiosk = 便利店的终端
portal-who-system = 系统
portal-action-number-read = 查看了个人编号
portal-action-number-lookup = 用个人编号查找了记录
portal-action-record-read = 查看了居民票
portal-action-agency-code-issued = 向行政机关发放了代码
portal-action-card-login-authenticated = 用卡登录了
portal-action-access-history-read = 查看了访问记录
portal-action-exchange-history-read = 查看了信息交换记录
portal-action-access-history-receipt = 领取了访问记录的证明
portal-action-portal-signed-in = 登录了“您的信息”
portal-action-own-record-read = 查看了“您的信息”
portal-action-portal-card-authenticated = 为登录“您的信息”用卡进行了确认
portal-action-portal-signed-out = 退出了“您的信息”的登录
portal-action-card-applied = 受理了卡的发放申请
portal-action-card-produced = 制作了卡
portal-action-card-handed-over = 将卡交给了您
portal-action-certificate-issued = 发行了电子证明书
portal-action-import = 登记了居民票
portal-action-other = 其他处理（{ $code }）
portal-receipt-heading = 记录的证明
portal-receipt-text = 您可以领取这些记录的证明，该证明用本系统台账的密钥签名。保存好证明，日后可以确认记录没有被改写。
portal-receipt-download = 下载证明
portal-check-heading = 核对保存的证明
portal-check-text = 选择以前领取的证明文件后，将核对其签名，并确认记录现在是否仍然相同。
portal-check-file = 证明文件
portal-check-button = 核对
portal-check-intact = 此证明是真实的，证明中的 { $count } 条记录现在全部仍然相同。
portal-check-altered = 此证明是真实的，但证明中的记录有 { $count } 处现在已经不同。请联系市区町村。
portal-check-invalid = 无法将此文件确认为本系统发行的证明。
portal-suspend-heading = 卡丢失时
portal-suspend-text = 卡丢失时，可以在这里立即暂停卡的使用（24小时随时可以）。卡的电子证明书也将无法使用。找到卡后，请到市区町村的窗口办理解除暂停的手续。
portal-suspend-button = 暂停卡的使用
portal-suspend-done = 已暂停卡的使用。电子证明书也已无法使用。找到卡后，可以在市区町村的窗口解除暂停。
portal-nav-data = 行政机关的信息
portal-data-lead = 通过信息提供网络系统调取并显示行政机关持有的您的信息。调取的情况会记录在信息交换记录中。
portal-data-none = 没有可以调取的信息。
portal-data-from = 提供的机关
portal-field-relationship = 与户主的关系
portal-field-head-name = 户主的姓名
portal-field-household-size = 户内人数
portal-field-resident-since = 成为居民的日期
portal-field-fiscal-year = 课税年度
portal-field-total-income = 总所得金额等（日元）
portal-field-taxable-income = 课税标准额（日元）
portal-field-income-levy = 地方税中按所得计算的部分（日元）
portal-field-per-capita-levy = 地方税中每人等额征收的部分（日元）
portal-field-dependants = 扶养亲属人数
portal-field-non-taxable = 非课税
portal-field-status = 领取状况
portal-field-children = 支付对象儿童人数
portal-field-monthly-amount = 每月支付金额（日元）
portal-field-since = 开始支付日期
portal-value-yes = 是
portal-value-no = 否
portal-value-paying = 支付中
portal-value-suspended = 暂停支付中
portal-value-ended = 已停止支付
portal-nav-notices = 通知
portal-notices-none = 您没有通知。
portal-notices-unread = 您有 { $count } 条未读通知。
portal-notice-unread = 未读
portal-notice-card-expiry = 您的个人编号卡即将到期
portal-notice-card-expiry-text = 您的个人编号卡的有效期限为 { $date }。现在可以办理更新手续。请到市区町村的窗口办理。
portal-notice-certificate-expiry = 您的电子证明书即将到期
portal-notice-certificate-expiry-text = 您的电子证明书的有效期限为 { $date }。现在可以办理更新手续。请到市区町村的窗口办理。
portal-nav-consents = 同意
portal-consents-lead = 以下是您在使用个人编号卡登录时，同意在您的姓名、住址、出生日期和性别每次变更时接收最新信息的企业（提供最新基本4信息，自同意之日起一年）。您可以随时撤回同意。
portal-consents-none = 没有您已同意接收您最新信息的企业。
portal-consent-to = 已同意的企业
portal-consent-withdraw = 撤回同意
portal-consent-withdrawn = 已撤回同意。该企业将不再收到您的最新信息。
