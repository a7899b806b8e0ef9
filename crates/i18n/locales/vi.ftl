# Tiếng Việt (Vietnamese).

## Catalog metadata
meta-language-name = Tiếng Việt
meta-script = latin

## Shared values
date = ngày {$day} tháng {$month} năm {$year}
date-era = ngày {$day} tháng {$month} năm {$era ->
    [1] Meiji
    [2] Taishō
    [3] Shōwa
    [4] Heisei
   *[5] Reiwa
} {$year} ({$gyear})
sex-male = Nam
sex-female = Nữ
relationship-head = Chủ hộ
relationship-spouse = Vợ hoặc chồng
relationship-child = Con
relationship-child-in-law = Vợ hoặc chồng của con
relationship-parent = Cha mẹ
relationship-grandparent = Ông bà
relationship-grandchild = Cháu
relationship-sibling = Anh chị em
relationship-other-relative = Họ hàng khác
relationship-cohabitant = Người sống cùng (không phải họ hàng)

## Field labels
field-name = Họ tên
field-name-kana = Họ tên (katakana)
field-alias = Tên gọi thông thường đã đăng ký
field-birth-date = Ngày sinh
field-sex = Giới tính
field-address = Địa chỉ
field-previous-address = Địa chỉ trước đây
field-relationship = Quan hệ với chủ hộ
field-householder = Chủ hộ
field-individual-number = Mã số cá nhân
field-resident-code = Mã phiếu cư trú
field-nationality = Quốc tịch hoặc khu vực
field-status-of-residence = Tư cách lưu trú
field-period-of-stay = Ngày hết hạn lưu trú
field-became-resident = Ngày trở thành cư dân
field-issuer = Chính quyền địa phương cấp
field-issue-date = Ngày cấp
field-application-id = Mã đơn đăng ký (ID)

## Individual Number notification
notice-title = Thông báo Mã số cá nhân
notice-intro = Thư này thông báo Mã số cá nhân (My Number) của bạn. Đây là số quan trọng bạn sẽ dùng suốt đời.
notice-not-proof = Thư này không chứng minh bạn là ai và không chứng minh Mã số cá nhân của bạn. Bạn không thể dùng thư này làm giấy tờ tùy thân hay làm bằng chứng về mã số, và doanh nghiệp không được nhận thư này.
notice-keep = Thư này sẽ không được cấp lại, hãy giữ cẩn thận. Nếu bị mất, bạn có thể xác nhận mã số của mình bằng bản sao phiếu cư trú có ghi mã số, hoặc bằng thẻ My Number.
notice-apply-heading = Cách đăng ký thẻ My Number
notice-apply-mail = Qua bưu điện: dán ảnh chân dung vào đơn đăng ký gửi kèm, ký tên và gửi lại bằng phong bì trả lời.
notice-apply-online = Trực tuyến: quét mã QR trên đơn đăng ký bằng điện thoại thông minh, hoặc nhập mã đơn 23 chữ số trên trang web đăng ký, rồi tải ảnh chân dung lên.
notice-apply-counter = Tại quầy: mang thư này và đơn đăng ký đến văn phòng chính quyền thành phố, quận, thị trấn hoặc làng.
notice-apply-free = Thẻ đầu tiên được cấp miễn phí. Chúng tôi sẽ thông báo sau về thời gian và địa điểm nhận thẻ.

## Card application form
form-title = Đơn đăng ký cấp thẻ My Number
form-photo = Ảnh (cao 4,5 cm × rộng 3,5 cm)
form-photo-rules = Dán ảnh chụp trong vòng 6 tháng, nhìn thẳng, không đội mũ, phông nền trơn. Viết họ tên và ngày sinh ở mặt sau ảnh.
form-signature = Chữ ký người đăng ký
form-application-date = Ngày đăng ký
form-online = Quét bằng điện thoại thông minh để đăng ký trực tuyến
form-moved = Nếu họ tên hoặc địa chỉ của bạn đã thay đổi, không thể dùng đơn này. Hãy nhận đơn mới tại văn phòng chính quyền địa phương.

## Thông báo nhận thẻ
issue-title = Thông báo nhận thẻ My Number
issue-intro = Thẻ My Number của bạn đã được làm xong. Vui lòng tự đến quầy để nhận thẻ trước hạn dưới đây.
field-pick-up-by = Hạn nhận thẻ
field-pick-up-place = Nơi nhận thẻ
field-card-expiry = Thẻ có hiệu lực đến
field-card-serial = Số thẻ
issue-counter = Quầy của văn phòng thành phố, quận, thị trấn hoặc làng
issue-bring-heading = Những thứ cần mang theo
issue-bring-notice = Thông báo này
issue-bring-identity = Giấy tờ tùy thân: một loại có ảnh (bằng lái xe, hộ chiếu, thẻ cư trú, v.v.), hoặc hai loại không có ảnh (giấy xác nhận tư cách bảo hiểm y tế, sổ lương hưu, thẻ sinh viên, thẻ nhân viên, v.v.)
issue-bring-old-card = Nếu có: thẻ thông báo, thẻ Sổ đăng ký cư trú cơ bản, hoặc thẻ My Number bạn đang dùng
issue-pins-heading = Hãy quyết định mã PIN trước khi đến
issue-pin-signature = Mật khẩu của chứng thư số dùng để ký: 6 đến 16 ký tự gồm chữ cái (A–Z) và chữ số (0–9), có ít nhất một chữ cái và một chữ số. Nhập sai 5 lần liên tiếp sẽ bị khóa.
issue-pin-four = Mã PIN của chứng thư xác thực người dùng, Sổ đăng ký cư trú cơ bản và hỗ trợ nhập thông tin trên thẻ: mỗi mã 4 chữ số. Cả ba có thể giống nhau. Nhập sai 3 lần liên tiếp sẽ bị khóa.
issue-no-pins = Thẻ My Number nhận diện khuôn mặt không có mã PIN.
issue-proxy = Nếu bạn không thể tự đến vì bị bệnh hoặc lý do tương tự, hãy liên hệ văn phòng địa phương trước hạn nhận thẻ.

## Thông báo hết hạn
renewal-title = Thông báo hết hạn thẻ My Number
renewal-intro = Thẻ My Number của bạn sắp hết hạn.
field-renewal-from = Có thể xin gia hạn từ ngày
renewal-how = Bạn có thể xin gia hạn từ 3 tháng trước ngày hết hạn. Hãy dùng đơn đăng ký gửi kèm để nộp qua bưu điện, trực tuyến, tại máy chụp ảnh thẻ hoặc tại quầy. Gia hạn miễn phí.
renewal-return = Khi nhận thẻ mới, hãy trả lại thẻ hiện tại. Sau ngày hết hạn, cả thẻ và chứng thư số đều không thể sử dụng.
cert-renewal-title = Thông báo hết hạn chứng thư số
cert-renewal-intro = Chứng thư số trên thẻ My Number của bạn sắp hết hạn. Bản thân thẻ vẫn còn hiệu lực lâu hơn.
field-signature-certificate-expiry = Chứng thư chữ ký có hiệu lực đến
field-authentication-certificate-expiry = Chứng thư xác thực người dùng có hiệu lực đến
cert-renewal-how = Từ 3 tháng trước ngày hết hạn, bạn có thể gia hạn chứng thư tại quầy của chính quyền địa phương nơi bạn sống. Hãy mang theo thẻ My Number và giấy tờ tùy thân. Bạn sẽ nhập mã PIN tại quầy. Gia hạn miễn phí.
cert-renewal-lapse = Sau ngày hết hạn, bạn không thể dùng chứng thư cho các thủ tục trực tuyến hoặc để lấy giấy chứng nhận tại cửa hàng tiện lợi. Thẻ vẫn có giá trị làm giấy tờ tùy thân cho đến ngày hết hạn của thẻ.

## Copy of resident record / certificate of recorded matters
record-title-copy = Bản sao phiếu cư trú
record-title-matters = Giấy chứng nhận các mục ghi trong phiếu cư trú
record-certify-copy = Chứng nhận bản sao này đúng với bản gốc phiếu cư trú.
record-certify-matters = Chứng nhận các mục trên được ghi trong phiếu cư trú.
record-members = Các thành viên trong hộ
record-omitted = Các mục không được yêu cầu đã được lược bỏ.
record-removed = Phiếu cư trú này đã bị xóa (được lưu như hồ sơ cũ).
record-verification-code = Mã xác minh
record-verify-how = Để kiểm tra giấy chứng nhận này không bị sửa đổi, hãy quét mã QR hoặc nhập mã xác minh tại {$url}.

## Verification page
verify-title = Xác minh giấy chứng nhận
verify-genuine = Giấy chứng nhận này do hệ thống cấp. Nội dung như dưới đây.
verify-unknown = Không có giấy chứng nhận nào với mã xác minh này. Giấy tờ có thể là giả.
verify-file-genuine = Tệp này đúng như khi được cấp và chưa bị sửa đổi.
verify-file-altered = Tệp này đã bị thay đổi sau khi cấp, hoặc không phải do hệ thống này cấp.

## Trang công khai (trang chủ và kiểm tra giấy chứng nhận)
public-site-name = My Number (Mã số cá nhân)
public-skip = Đi tới nội dung chính
public-language = Ngôn ngữ
public-not-official = Trang này chạy một hệ thống mã nguồn mở mô phỏng chế độ My Number. Đây không phải là trang chính thức của nhà nước hay của chính quyền địa phương.
public-home-link = Trang chủ
public-contents = Nội dung trang này
public-home-title = My Number là gì?
public-home-lead = My Number là một dãy số gồm 12 chữ số được cấp cho mỗi người có phiếu cư trú (jūminhyō) tại Nhật Bản, mỗi người một số. Người nước ngoài có phiếu cư trú cũng được cấp. Số này được dùng trong các thủ tục hành chính như an sinh xã hội, thuế và phòng chống thiên tai.
public-notice-title = Khi nhận được thư thông báo mã số cá nhân
public-notice-text = Khi được cấp số, "Thư thông báo mã số cá nhân" sẽ được gửi qua bưu điện. Thư này cho bạn biết mã số của mình; không dùng để chứng minh mã số hay nhân thân. Hãy cất giữ cẩn thận. Kèm theo thư có mẫu đơn xin cấp thẻ My Number.
public-card-title = Thẻ My Number
public-card-text = Thẻ có ảnh chân dung, dùng được làm giấy tờ tùy thân. Với chứng thư điện tử trên thẻ, bạn có thể làm thủ tục trực tuyến. Thẻ đầu tiên được cấp miễn phí.
public-apply-title = Cách xin cấp thẻ
public-apply-text = Dùng mẫu đơn để nộp qua bưu điện, máy tính, điện thoại thông minh hoặc máy chụp ảnh thẻ trên phố. Khoảng một tháng sau, bạn sẽ nhận được giấy thông báo nhận thẻ. Hãy mang giấy này và giấy tờ tùy thân đến quầy của chính quyền địa phương để nhận thẻ. Mã PIN được đặt khi nhận thẻ.
public-lost-title = Khi bị mất thẻ
public-lost-text = Hãy gọi điện ngay để tạm dừng thẻ. Việc tạm dừng được tiếp nhận 24 giờ một ngày, 365 ngày một năm.
public-lost-phone = Đường dây miễn phí My Number: 0120-95-0178 (chọn số 2 theo hướng dẫn)
public-lost-phone-foreign = Tiếng Anh, Trung, Hàn, Tây Ban Nha, Bồ Đào Nha: 0120-0178-27
public-lost-next = Nếu mất ở bên ngoài, hãy báo cả cho cảnh sát và ghi lại số tiếp nhận. Nếu tìm thấy thẻ, hãy đến quầy của chính quyền địa phương để bỏ tạm dừng (không làm được qua điện thoại). Nếu không tìm thấy, hãy khai báo tại quầy và xin cấp lại (lệ phí {$fee} yên).
public-verify-title = Kiểm tra giấy chứng nhận
public-verify-text = Bản sao phiếu cư trú và các giấy chứng nhận khác do chính quyền địa phương cấp có thể được kiểm tra bằng mã xác minh in trên đó.
public-verify-link = Nhập mã xác minh
public-verify-lead = Hãy nhập mã xác minh gồm 16 ký tự in trên giấy tờ.
public-verify-hint = Ví dụ: K7QM-2XRT-9B4D-HW3P
public-verify-button = Kiểm tra
public-staff-title = Dành cho cán bộ
public-staff-desk = Màn hình quầy (cán bộ đăng nhập)
public-staff-api = Tài liệu API
dev-title = Dành cho dịch vụ: đăng nhập bằng thẻ My Number và chữ ký
dev-lead = Hệ thống này là nhà cung cấp OpenID Connect. Dịch vụ được quản trị viên đăng ký có thể cho cư dân đăng nhập bằng thẻ My Number và ký văn bản. Mã số cá nhân không được dùng để đăng nhập hay ký.
dev-register-title = Đăng ký
dev-register-text = Quản trị viên đăng ký mã số pháp nhân và vai trò của tổ chức bạn, khóa công khai (P-256) và các URI chuyển hướng. client_id là id của tổ chức bạn. Máy khách chỉ xác thực bằng private_key_jwt (ES256): không có bí mật dùng chung.
dev-endpoints-title = Các endpoint của hệ thống này
dev-example-title = Ví dụ chạy được
dev-example-text = Chương trình Python này (Authlib) cho cư dân đăng nhập với PKCE và nonce, kiểm tra ID token bằng JWKS và đọc các mục đã đồng ý. Hãy thay client id, tệp khóa và URI chuyển hướng.
dev-sign-title = Chữ ký
dev-sign-text = Tổ chức đã đăng ký là bên xác minh chữ ký bắt đầu sign-transaction bằng token của tổ chức và SHA-256 của văn bản, rồi đưa cư dân đến đăng nhập với scope openid sign và sign_transaction_id. Sau đó, tổ chức nhận kết quả dưới dạng JWE mã hóa cho khóa của chính mình.
dev-home-link = Dành cho dịch vụ (đăng nhập bằng thẻ và chữ ký)

## API errors (the public API answers in its reader's language; staff's are in locales/desk/)
api-error-body-too-large = Nội dung gửi đi quá lớn.
api-error-conflict = Có thao tác khác đã thay đổi nội dung này cùng lúc. Vui lòng thử lại.
api-error-document-not-genuine = Tài liệu này không giống như khi được cấp.
api-error-forbidden = Vai trò hoặc địa phương của bạn không cho phép thao tác này.
api-error-import-changed = Tệp đang nhập đã thay đổi so với lần trước. Hãy nhập lại từ đầu.
api-error-imported-before = Tệp này đã được nhập rồi.
api-error-internal-error = Đã xảy ra sự cố. Vui lòng thử lại sau; sự cố đã được ghi lại.
api-error-invalid-body = Các trường hoặc kiểu dữ liệu đã gửi không đúng.
api-error-invalid-input = Một số nội dung nhập chưa đúng: hãy xem thông báo của từng mục.
api-error-malformed-body = Không đọc được nội dung đã gửi (hãy kiểm tra JSON).
api-error-method-not-allowed = Đường dẫn này không chấp nhận phương thức này.
api-error-not-found = Không tìm thấy nội dung nào.
api-error-not-verified = Không thể xác minh (chữ ký hoặc chứng thư không hợp lệ).
api-error-number-not-current = Mã số cá nhân này không phải là mã hiện tại (đã được thay đổi).
api-error-procedure-refused = Không thể làm thủ tục này ở trạng thái hiện tại của hồ sơ.
api-error-render-failed = Không thể tạo tài liệu; sự cố đã được ghi lại.
api-error-too-many-failures = Xác thực thất bại quá nhiều lần. Vui lòng đợi một lúc rồi thử lại.
api-error-unauthenticated = Cần có mã thông báo (token) hợp lệ.
api-error-unavailable = Tạm thời không sử dụng được. Vui lòng đợi một lúc rồi thử lại.
api-error-unsupported-media-type = Hãy kiểm tra kiểu nội dung (Content-Type) của dữ liệu gửi đi.
api-error-wrong-pin = Mã PIN không đúng: hãy xem số lần thử còn lại.
problem-verification-code-16-letters = Mã xác minh gồm 16 chữ cái và chữ số, ví dụ K7QM-2XRT-9B4D-HW3P.

# Log-in with the card (issue 12, docs/design/oidc.md).
login-title = Đăng nhập bằng thẻ My Number
login-asks = { $client } yêu cầu xác nhận đúng là bạn.
login-items-heading = Thông tin được yêu cầu
login-no-items = Chỉ xác nhận đúng là bạn. Không gửi thông tin nào khác.
login-item-openid = Xác nhận đúng là bạn
login-item-name = Họ tên
login-item-address = Địa chỉ
login-item-birthdate = Ngày sinh
login-item-gender = Giới tính
login-item-sign = Ký điện tử bằng thẻ (mỗi lần ký đều được hỏi lại)
login-item-latest-four = Cung cấp họ tên, địa chỉ, ngày sinh và giới tính mới nhất của bạn cho tổ chức này khi có thay đổi (trong một năm)
login-card-heading = Xác nhận bằng thẻ
login-card-text = Hãy mở ứng dụng xác thực, cho ứng dụng đọc thẻ và nhập mã PIN 4 chữ số của chứng thư điện tử xác thực người dùng. Hãy kiểm tra ứng dụng hiển thị số xác nhận này:
login-confirmation = Số xác nhận
login-app-command = Với ứng dụng mynumber trên máy tính, hãy chạy lệnh dưới đây. Với ứng dụng trên thiết bị khác, hãy quét mã QR.
login-qr-label = Mã QR cho ứng dụng xác thực
login-waiting = Đang chờ xác nhận bằng thẻ. Khi ứng dụng báo xong, hãy chọn Tiếp tục.
login-continue = Tiếp tục
login-consent-heading = Gửi thông tin của bạn?
login-consent-text = Thẻ đã xác nhận đúng là bạn. Nếu bạn đồng ý, { $client } sẽ nhận thông tin ở trên.
login-agree = Đồng ý và tiếp tục
login-decline = Không gửi
login-finished = Lần đăng nhập này đã kết thúc. Bạn có thể đóng trang này.
login-expired = Lần đăng nhập này đã hết thời gian. Hãy quay lại dịch vụ và bắt đầu lại.
login-other-browser = Lần đăng nhập này được bắt đầu trong trình duyệt khác. Hãy tiếp tục trong trình duyệt đó.
login-not-found = Không tìm thấy lần đăng nhập này. Hãy quay lại dịch vụ và bắt đầu lại.
login-bad-request = Yêu cầu từ dịch vụ có lỗi nên không thể bắt đầu đăng nhập. Hãy quay lại dịch vụ.
login-bad-client = Dịch vụ này chưa được đăng ký, hoặc địa chỉ quay về không khớp với đăng ký, nên không thể bắt đầu đăng nhập.
login-failed = Không thể xử lý đăng nhập. Vui lòng thử lại sau.
login-logged-out = Bạn đã đăng xuất. Hệ thống này xác nhận bằng thẻ mỗi lần đăng nhập nên không còn phiên đăng nhập nào.

## Prints on plain paper: the seal certificate, the back (scramble image) and its inquiry page
seal-certificate-title = Giấy chứng nhận đăng ký con dấu
seal-certificate-certify = Xác nhận rằng dấu in trên đây đúng là con dấu đã đăng ký.
field-seal-impression = Dấu in của con dấu
back-heading = Mặt sau: nội dung mặt trước được mã hóa thành hình ảnh
back-how = Quét mặt này và tải lên tại {$url} để xem mặt trước như khi được cấp, rồi so sánh với mặt trước trong tay để kiểm tra không bị sửa đổi.
public-back-title = Kiểm tra bằng hình ảnh mặt sau
public-back-lead = Tải lên bản quét mặt sau của giấy chứng nhận in tại cửa hàng tiện lợi, nội dung mặt trước khi được cấp sẽ hiển thị. Hãy so sánh từng chữ với mặt trước trong tay.
public-back-file = Bản quét mặt sau
public-back-hint = PNG, JPEG hoặc PDF. Quét toàn bộ mặt sau ở 300 dpi trở lên.
public-back-submit = Đọc
public-back-genuine = Mặt sau này do hệ thống cấp. Nội dung mặt trước khi được cấp như sau.
public-back-withheld = Đã in (không hiển thị trên trang này)
public-back-person = Người được ghi
problem-back-format = Hãy tải lên tệp PNG, JPEG hoặc PDF.
problem-back-too-large = Tệp quá lớn (tối đa {$max_mib} MiB và 40 triệu điểm ảnh). Hãy quét ở 300–600 dpi.
problem-back-no-image = PDF này không có hình quét. Hãy tải lên PDF do máy quét tạo hoặc tệp hình ảnh.
problem-back-damaged = Tệp bị hỏng, không đọc được như hình ảnh.
problem-back-no-symbols = Không tìm thấy hình ảnh mặt sau. Hãy quét toàn bộ mặt sau ở 300 dpi trở lên.
problem-back-front-side = Đây là bản quét mặt trước. Hãy quét mặt sau.
problem-back-incomplete = Chỉ đọc được một phần mặt sau ({$found}/{$count} mã). Hãy quét toàn bộ mặt sau, phẳng và sạch.
problem-back-mixed = Bản quét có mặt sau của hai giấy trở lên. Hãy quét từng tờ.
problem-back-tampered = Mặt sau này đã bị sửa đổi hoặc không do hệ thống này cấp.

## Thông tin của bạn (cổng thông tin cá nhân, issue 14, docs/design/portal.md)
portal-title = Thông tin của bạn
portal-lead = Khi đăng nhập bằng thẻ My Number, bạn có thể xem phiếu cư trú của mình, thẻ và chứng thư điện tử của mình, các bản ghi về việc cơ quan hành chính trao đổi thông tin của bạn, và các bản ghi về việc cán bộ và cơ quan xử lý hồ sơ của bạn. Mã số cá nhân không được dùng để đăng nhập.
portal-login-button = Đăng nhập bằng thẻ My Number
portal-login-asks = Để đăng nhập vào "Thông tin của bạn" trên hệ thống này, thẻ của bạn sẽ xác nhận đúng là bạn.
portal-logout = Đăng xuất
portal-logged-out = Bạn đã đăng xuất.
portal-nav-label = Các trang thông tin của bạn
portal-nav-info = Thông tin của tôi
portal-nav-exchanges = Lịch sử trao đổi
portal-nav-access = Nhật ký truy cập
portal-session-ended = Phiên đăng nhập của bạn đã hết thời gian. Vui lòng đăng nhập lại.
portal-record-heading = Phiếu cư trú
portal-household-heading = Hộ gia đình
portal-cards-heading = Thẻ My Number
portal-cards-none = Bạn không có thẻ My Number.
portal-card-status = Trạng thái
portal-card-active = Đang sử dụng
portal-card-produced = Đang chờ nhận
portal-card-suspended = Đang tạm dừng
portal-card-ended = Đã ngừng sử dụng
portal-certificates-heading = Chứng thư điện tử
portal-certificates-none = Bạn không có chứng thư điện tử nào.
portal-certificate-signature = Chứng thư chữ ký
portal-certificate-authentication = Chứng thư xác thực người dùng
portal-certificate-good = Có hiệu lực
portal-certificate-held = Đang tạm giữ
portal-certificate-revoked = Đã bị thu hồi
portal-valid-until = Có hiệu lực đến
portal-exchanges-lead = Đây là các bản ghi về việc cơ quan hành chính trao đổi thông tin của bạn qua mạng cung cấp thông tin (hệ thống để các cơ quan cung cấp thông tin cho nhau). Các cơ quan tra cứu bằng một mã riêng của từng cơ quan, không phải bằng Mã số cá nhân của bạn.
portal-exchanges-none = Không có bản ghi trao đổi nào.
portal-exchanges-hidden = Ngoài ra còn có { $count } bản ghi mà cơ quan cung cấp đã đánh dấu là không công khai. Nội dung của chúng không được hiển thị.
portal-col-when = Thời gian
portal-col-requester = Cơ quan yêu cầu
portal-col-provider = Cơ quan cung cấp
portal-col-procedure = Thủ tục
portal-col-item = Thông tin
portal-col-outcome = Kết quả
portal-outcome-provided = Đã cung cấp
portal-outcome-not-found = Không có thông tin tương ứng
portal-item-resident-household = Thông tin phiếu cư trú (hộ gia đình)
portal-item-local-tax = Thông tin thuế địa phương
portal-item-child-allowance = Thông tin trợ cấp nuôi con
portal-procedure-child-allowance = Chi trả trợ cấp nuôi con
portal-procedure-national-health-insurance = Phí Bảo hiểm Y tế Quốc dân
portal-procedure-school-expense-aid = Hỗ trợ chi phí học tập
portal-procedure-national-pension = Miễn đóng phí Lương hưu Quốc dân
portal-procedure-self-disclosure = Cung cấp thông tin cho chính bạn
portal-access-lead = Đây là các bản ghi về việc cán bộ và cơ quan xử lý hồ sơ, Mã số cá nhân và thẻ của bạn. Chúng được lưu trong một sổ cái không thể sửa đổi về sau.
portal-access-none = Không có bản ghi nào.
portal-col-who = Ai
portal-col-action = Làm gì
portal-col-purpose = Mục đích
portal-col-where = Nơi ghi nhận
portal-who-staff = Cán bộ
portal-who-agency = Cơ quan hành chính
portal-who-relying-party = Doanh nghiệp
portal-who-resident = Bạn
portal-who-kiosk = Máy tại cửa hàng tiện lợi
portal-who-system = Hệ thống
portal-action-number-read = Đã xem Mã số cá nhân của bạn
portal-action-number-lookup = Đã tìm hồ sơ của bạn bằng Mã số cá nhân
portal-action-record-read = Đã xem phiếu cư trú của bạn
portal-action-agency-code-issued = Đã cấp cho cơ quan một mã dành cho bạn
portal-action-card-login-authenticated = Bạn đã đăng nhập bằng thẻ
portal-action-access-history-read = Bạn đã xem nhật ký truy cập
portal-action-exchange-history-read = Bạn đã xem lịch sử trao đổi
portal-action-access-history-receipt = Bạn đã nhận bản chứng nhận nhật ký truy cập
portal-action-portal-signed-in = Bạn đã đăng nhập vào Thông tin của bạn
portal-action-own-record-read = Bạn đã xem Thông tin của bạn
portal-action-portal-card-authenticated = Thẻ của bạn đã được kiểm tra để đăng nhập vào Thông tin của bạn
portal-action-portal-signed-out = Bạn đã đăng xuất khỏi Thông tin của bạn
portal-action-card-applied = Đã tiếp nhận đơn đăng ký cấp thẻ của bạn
portal-action-card-produced = Đã làm thẻ của bạn
portal-action-card-handed-over = Đã trao thẻ cho bạn
portal-action-certificate-issued = Đã cấp chứng thư điện tử
portal-action-import = Đã đăng ký phiếu cư trú của bạn
portal-action-other = Xử lý khác ({ $code })
portal-receipt-heading = Bản chứng nhận các bản ghi này
portal-receipt-text = Bạn có thể nhận các bản ghi này dưới dạng một bản chứng nhận được ký bằng khóa sổ cái của hệ thống này. Nếu lưu lại, sau này bạn có thể kiểm tra rằng các bản ghi không bị sửa đổi.
portal-receipt-download = Tải bản chứng nhận xuống
portal-check-heading = Kiểm tra bản chứng nhận đã lưu
portal-check-text = Chọn tệp chứng nhận bạn đã nhận trước đây: hệ thống sẽ kiểm tra chữ ký và xem các bản ghi có còn giống như cũ không.
portal-check-file = Tệp chứng nhận
portal-check-button = Kiểm tra
portal-check-intact = Bản chứng nhận này là thật, và cả { $count } bản ghi trong đó hiện vẫn giống như cũ.
portal-check-altered = Bản chứng nhận này là thật, nhưng { $count } chỗ được nêu trong đó hiện đã khác. Vui lòng liên hệ chính quyền địa phương.
portal-check-invalid = Không thể xác nhận tệp này là bản chứng nhận do hệ thống này cấp.
portal-suspend-heading = Khi bị mất thẻ
portal-suspend-text = Nếu bị mất thẻ, bạn có thể tạm dừng thẻ ngay tại đây (bất kỳ lúc nào, 24 giờ một ngày). Chứng thư điện tử của thẻ cũng sẽ không dùng được nữa. Nếu tìm thấy thẻ, hãy đến quầy của chính quyền địa phương để làm thủ tục bỏ tạm dừng.
portal-suspend-button = Tạm dừng thẻ của tôi
portal-suspend-done = Thẻ của bạn đã được tạm dừng, và chứng thư điện tử của thẻ cũng không còn dùng được nữa. Nếu tìm thấy thẻ, bạn có thể bỏ tạm dừng tại quầy của chính quyền địa phương.
portal-nav-data = Thông tin của cơ quan hành chính
portal-data-lead = Thông tin về bạn mà các cơ quan hành chính đang nắm giữ, được lấy qua mạng cung cấp thông tin và hiển thị tại đây. Mỗi lần lấy đều được ghi vào lịch sử trao đổi.
portal-data-none = Không có thông tin nào để lấy.
portal-data-from = Cơ quan cung cấp
portal-field-relationship = Quan hệ với chủ hộ
portal-field-head-name = Họ tên chủ hộ
portal-field-household-size = Số thành viên trong hộ
portal-field-resident-since = Ngày trở thành cư dân
portal-field-fiscal-year = Năm tính thuế
portal-field-total-income = Tổng thu nhập (yên)
portal-field-taxable-income = Thu nhập chịu thuế (yên)
portal-field-income-levy = Phần thuế địa phương tính theo thu nhập (yên)
portal-field-per-capita-levy = Phần thuế địa phương bằng nhau cho mỗi người (yên)
portal-field-dependants = Số người phụ thuộc
portal-field-non-taxable = Không chịu thuế
portal-field-status = Tình trạng nhận trợ cấp
portal-field-children = Số trẻ em được chi trả
portal-field-monthly-amount = Số tiền mỗi tháng (yên)
portal-field-since = Ngày bắt đầu chi trả
portal-value-yes = Có
portal-value-no = Không
portal-value-paying = Đang chi trả
portal-value-suspended = Đang tạm dừng chi trả
portal-value-ended = Đã kết thúc chi trả
