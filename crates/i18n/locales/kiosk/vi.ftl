# The kiosk's screens (コンビニ交付, issue 13): Tiếng Việt. docs/design/kiosk.md.

## Catalog metadata
meta-language-name = Tiếng Việt
meta-script = latin

## Screens
kiosk-title = Cấp giấy chứng nhận tại cửa hàng tiện lợi
kiosk-choose-language = Hãy chọn ngôn ngữ
kiosk-start = Bắt đầu
kiosk-cancel = Hủy
kiosk-next = Tiếp
kiosk-insert-card = Hãy đặt thẻ My Number lên đầu đọc thẻ.
kiosk-card-placed = Đã đặt thẻ
kiosk-no-card = Không đọc được thẻ. Hãy kiểm tra chiều thẻ và đặt lại.
kiosk-pin-title = Hãy nhập mã PIN (4 chữ số)
kiosk-pin-hint = Đây là mã PIN của chứng thư xác thực người dùng. Đừng để người khác nhìn thấy.
kiosk-pin-entered = Đã nhập {$count}/4 chữ số
kiosk-pin-delete = Xóa một chữ số
kiosk-pin-ok = Xác nhận
kiosk-pin-wrong = Sai mã PIN. Sai thêm {$tries} lần nữa thẻ sẽ bị khóa.
kiosk-pin-blocked = Mã PIN đã bị khóa. Hãy đặt lại tại quầy của chính quyền địa phương.
kiosk-document-title = Hãy chọn loại giấy chứng nhận
kiosk-document-resident-record-copy = Bản sao phiếu cư trú
kiosk-document-resident-record-items = Giấy chứng nhận các mục ghi trong phiếu cư trú
kiosk-document-seal-certificate = Giấy chứng nhận đăng ký con dấu
kiosk-options-title = Các mục ghi và số bản
kiosk-option-household = Tất cả thành viên hộ
kiosk-option-householder = Chủ hộ và quan hệ
kiosk-option-number = Mã số cá nhân (My Number)
kiosk-option-on = Có ghi
kiosk-option-off = Không ghi
kiosk-option-change = Đổi
kiosk-copies = Số bản
kiosk-copies-more = Thêm một bản
kiosk-copies-fewer = Bớt một bản
kiosk-confirm-title = Hãy kiểm tra nội dung
kiosk-fee = Lệ phí
kiosk-yen = {$yen} yên
kiosk-pay = Đến bước thanh toán
kiosk-pay-title = Hãy cho tiền vào
kiosk-pay-insert = Đã cho {$yen} yên
kiosk-done-title = Hãy nhận giấy chứng nhận
kiosk-take-card = Đừng quên lấy thẻ.
kiosk-printed-code = Mã xác minh
kiosk-finish = Kết thúc
kiosk-timeout = Phiên đã kết thúc vì không có thao tác. Hãy lấy thẻ.
kiosk-refused = Không thể cấp giấy chứng nhận này: {$reason}
kiosk-unavailable = Hiện không thể cấp giấy chứng nhận. Hãy thử lại sau.
kiosk-print-failed = In không thành công. Không tính phí; sẽ in lại.
kiosk-reprint = In lại
kiosk-number-note = Mã số cá nhân chỉ được ghi theo yêu cầu của bạn.
kiosk-step = Bước {$step}/5
kiosk-not-ready = Máy này không dùng được (không kết nối được trung tâm).
kiosk-idle-warning = Phiên sắp kết thúc. Chạm vào màn hình để tiếp tục.
kiosk-continue = Tiếp tục
