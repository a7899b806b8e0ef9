# 个人编号卡呼叫中心：接线员的话术，以及给来电者的“后续手续”说明。简体中文。

## Catalog metadata
meta-language-name = 简体中文
meta-script = sc

## 日期与时间（日本时间）
date = {$year}年{$month}月{$day}日
date-time = {$year}年{$month}月{$day}日 {$hour}:{$minute}（日本时间）

## 话术
call-script-title = 话术（中文）
call-script-open = 感谢您的来电。本热线受理因遗失或被盗而暂停个人编号卡（My Number卡）的申请。
call-script-ask-caller = 请问您是持卡人本人，还是其家属或法定代理人？
call-script-ask-name = 请告诉我持卡人的姓名：日语假名读音，外国居民也可以告诉我居民票上的罗马字姓名。
call-script-ask-birth = 请告诉我出生日期。
call-script-ask-address = 请告诉我居民登记的住址，从都道府县一直到门牌号。
call-script-found = 已确认到本人的记录。现在将暂停这张卡。暂停期间，无法使用卡上的电子证明书进行登录或签名。可以吗？
call-script-ask-police = 如果您已向警察提交了遗失或被盗报告，请告诉我受理编号。如果还没有，请去报告并记下受理编号，补办卡时需要用到。
call-script-suspended = 卡已暂停。无论是否找到卡，都需要到您居住的市区町村窗口办理手续。接下来为您说明后续手续。
call-script-not-found = 没有找到与您所说内容一致的记录。请让我再确认一次姓名读音、出生日期和住址。如果仍然找不到，请咨询您居住的市区町村窗口。
call-script-ambiguous = 仅凭您告诉我的内容无法确定本人，因此本次来电无法暂停卡。请咨询您居住的市区町村窗口。
call-script-no-card = 本次来电没有可以暂停的卡：卡已经暂停，或者尚未领取。
call-script-abroad-title = 来自海外的来电
call-script-abroad = 从海外来电也可以通过本次电话暂停卡。解除暂停和补办卡需要在市区町村窗口办理。具体窗口请向您进行居民登记的市区町村咨询。

## 后续手续（打印用）
call-next-title = 您的个人编号卡已暂停：后续手续
call-next-reference = 受理号：{$call}
call-next-suspended-at = 暂停时间：{$time}
call-next-effect = 卡暂停期间，无法使用其电子证明书（登录和签名）。签名用电子证明书已被吊销。
call-next-not-suspended = 本次来电未暂停任何卡。请咨询您居住的市区町村窗口。
call-next-found-title = 找到卡时
call-next-found = 请到您居住的市区町村窗口申请解除暂停，无法通过电话解除。请携带找到的卡和身份证明文件。签名用电子证明书将重新发行（需要设定签名用密码）。
call-next-lost-title = 没有找到卡时
call-next-lost = 请向警察提交遗失报告并记下受理编号。请到您居住的市区町村窗口办理遗失申报（卡将被注销），并申请补办。补办手续费为{$fee}日元。已注销的卡即使以后找到也不能再使用。
call-next-keep = 请保管本说明，直到在窗口办完手续。
