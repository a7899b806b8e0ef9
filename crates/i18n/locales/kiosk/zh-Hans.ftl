# The kiosk's screens (コンビニ交付, issue 13): 简体中文. docs/design/kiosk.md.

## Catalog metadata
meta-language-name = 简体中文
meta-script = sc

## Screens
kiosk-title = 便利店证明书发行
kiosk-choose-language = 请选择语言
kiosk-start = 开始
kiosk-cancel = 取消
kiosk-next = 下一步
kiosk-insert-card = 请将个人编号卡放在读卡器上。
kiosk-card-placed = 已放好
kiosk-no-card = 无法读取卡片。请确认方向后重新放置。
kiosk-pin-title = 请输入密码（4位数字）
kiosk-pin-hint = 这是用户证明用电子证书的密码。请注意不要被他人看到。
kiosk-pin-entered = 已输入 {$count} 位
kiosk-pin-delete = 删除一位
kiosk-pin-ok = 确定
kiosk-pin-wrong = 密码错误。再输错 {$tries} 次，卡片将被锁定。
kiosk-pin-blocked = 密码已被锁定。请到市区町村窗口重新设置。
kiosk-document-title = 请选择证明书
kiosk-document-resident-record-copy = 住民票副本
kiosk-document-resident-record-items = 住民票记载事项证明书
kiosk-document-seal-certificate = 印章登记证明书
kiosk-options-title = 记载事项和份数
kiosk-option-household = 全体家庭成员
kiosk-option-householder = 户主和关系
kiosk-option-number = 个人编号
kiosk-option-on = 记载
kiosk-option-off = 不记载
kiosk-option-change = 切换
kiosk-copies = 份数
kiosk-copies-more = 增加一份
kiosk-copies-fewer = 减少一份
kiosk-confirm-title = 请确认内容
kiosk-fee = 手续费
kiosk-yen = {$yen} 日元
kiosk-pay = 去付款
kiosk-pay-title = 请投入费用
kiosk-pay-insert = 已投入 {$yen} 日元
kiosk-done-title = 请取走证明书
kiosk-take-card = 请不要忘记取回卡片。
kiosk-printed-code = 验证码
kiosk-finish = 结束
kiosk-timeout = 由于长时间未操作，已结束。请取回卡片。
kiosk-refused = 无法发行此证明书：{$reason}
kiosk-unavailable = 现在无法发行证明书。请稍后再试。
kiosk-print-failed = 打印失败。不收取费用，将重新打印。
kiosk-reprint = 重新打印
kiosk-number-note = 个人编号仅应本人要求记载。
kiosk-step = 第 {$step} 步，共 5 步
kiosk-not-ready = 此终端无法使用（无法连接中心）。
kiosk-idle-warning = 即将结束。如需继续，请触摸屏幕。
kiosk-continue = 继续
