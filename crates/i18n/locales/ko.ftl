# 한국어 (Korean).

## Catalog metadata
meta-language-name = 한국어
meta-script = kr

## Shared values
date = {$year}년 {$month}월 {$day}일
date-era = {$era ->
    [1] 메이지
    [2] 다이쇼
    [3] 쇼와
    [4] 헤이세이
   *[5] 레이와
} {$year}년({$gyear}년) {$month}월 {$day}일
sex-male = 남
sex-female = 여
relationship-head = 세대주
relationship-spouse = 배우자
relationship-child = 자녀
relationship-child-in-law = 자녀의 배우자
relationship-parent = 부모
relationship-grandparent = 조부모
relationship-grandchild = 손자녀
relationship-sibling = 형제자매
relationship-other-relative = 기타 친족
relationship-cohabitant = 동거인(친족 아님)

## Field labels
field-name = 성명
field-name-kana = 성명(가타카나)
field-alias = 통칭(등록된 별명)
field-birth-date = 생년월일
field-sex = 성별
field-address = 주소
field-previous-address = 이전 주소
field-relationship = 세대주와의 관계
field-householder = 세대주
field-individual-number = 개인번호
field-resident-code = 주민표 코드
field-nationality = 국적・지역
field-status-of-residence = 체류 자격
field-period-of-stay = 체류 기간 만료일
field-became-resident = 주민이 된 날
field-issuer = 발행 시구정촌
field-issue-date = 발행일
field-application-id = 신청서 ID

## Individual Number notification
notice-title = 개인번호 통지서
notice-intro = 귀하의 개인번호(마이넘버)를 알려 드립니다. 평생 사용하는 중요한 번호입니다.
notice-not-proof = 이 통지서는 귀하의 신원이나 개인번호를 증명하지 않습니다. 본인 확인 서류나 개인번호 증명으로 사용할 수 없으며, 사업자도 이를 받을 수 없습니다.
notice-keep = 이 통지서는 재발행되지 않으므로 소중히 보관하십시오. 분실한 경우 개인번호가 기재된 주민표 사본이나 마이넘버 카드로 번호를 확인할 수 있습니다.
notice-apply-heading = 마이넘버 카드 신청 방법
notice-apply-mail = 우편: 동봉된 교부 신청서에 얼굴 사진을 붙이고 서명한 후 회신용 봉투로 보내 주십시오.
notice-apply-online = 온라인: 신청서의 QR 코드를 스마트폰으로 읽거나, 신청 사이트에서 23자리 신청서 ID를 입력한 후 얼굴 사진을 등록하십시오.
notice-apply-counter = 창구: 이 통지서와 신청서를 가지고 시구정촌 창구를 방문하십시오.
notice-apply-free = 처음 발급받는 카드는 무료입니다. 수령 일시와 장소는 나중에 알려 드립니다.

## Card application form
form-title = 개인번호 카드 교부 신청서
form-photo = 얼굴 사진(세로 4.5cm × 가로 3.5cm)
form-photo-rules = 6개월 이내에 촬영한 정면, 무모, 무배경 사진을 붙이십시오. 사진 뒷면에 성명과 생년월일을 적으십시오.
form-signature = 신청자 서명
form-application-date = 신청일
form-online = 스마트폰으로 읽으면 온라인으로 신청할 수 있습니다
form-moved = 성명이나 주소가 바뀐 경우 이 신청서는 사용할 수 없습니다. 시구정촌에서 새 신청서를 받으십시오.

## 교부 통지서
issue-title = 마이넘버 카드 교부 통지서
issue-intro = 고객님의 마이넘버 카드가 완성되었습니다. 수령 기한까지 본인이 창구에서 받아 가십시오.
field-pick-up-by = 수령 기한
field-pick-up-place = 수령 장소
field-card-expiry = 카드 유효 기한
field-card-serial = 카드 번호
issue-counter = 시구정촌 관공서 창구
issue-bring-heading = 수령 시 가져올 것
issue-bring-notice = 이 통지서
issue-bring-identity = 본인 확인 서류: 얼굴 사진이 있는 것 1점(운전면허증, 여권, 재류카드 등) 또는 얼굴 사진이 없는 것 2점(건강보험 자격확인서, 연금수첩, 학생증, 사원증 등)
issue-bring-old-card = 가지고 계신 분은 통지 카드, 주민기본대장 카드, 현재 사용 중인 마이넘버 카드
issue-pins-heading = 비밀번호를 미리 정하고 오십시오
issue-pin-signature = 서명용 전자증명서 비밀번호: 영문자(A~Z)와 숫자(0~9)를 조합한 6~16자. 영문자와 숫자를 각각 1개 이상 사용합니다. 연속 5회 틀리면 잠깁니다.
issue-pin-four = 이용자 증명용 전자증명서, 주민기본대장, 권면사항 입력 보조 비밀번호: 각각 숫자 4자리. 세 가지 모두 같아도 됩니다. 연속 3회 틀리면 잠깁니다.
issue-no-pins = 얼굴 인증 마이넘버 카드에는 비밀번호를 설정하지 않습니다.
issue-proxy = 질병 등으로 본인이 올 수 없는 경우에는 수령 기한까지 시구정촌에 문의하십시오.

## 유효 기한 통지서
renewal-title = 마이넘버 카드 유효 기한 통지서
renewal-intro = 고객님의 마이넘버 카드 유효 기한이 다가오고 있습니다.
field-renewal-from = 갱신을 신청할 수 있는 날
renewal-how = 유효 기한 3개월 전부터 갱신을 신청할 수 있습니다. 동봉된 교부 신청서로 우편, 온라인, 증명사진기 또는 창구에서 신청하십시오. 갱신은 무료입니다.
renewal-return = 새 카드를 받을 때 지금의 카드를 반납하십시오. 유효 기한이 지나면 카드와 전자증명서 모두 사용할 수 없습니다.
cert-renewal-title = 전자증명서 유효 기한 통지서
cert-renewal-intro = 고객님의 마이넘버 카드에 기록된 전자증명서의 유효 기한이 다가오고 있습니다. 카드 자체의 유효 기한은 아직 남아 있습니다.
field-signature-certificate-expiry = 서명용 전자증명서 유효 기한
field-authentication-certificate-expiry = 이용자 증명용 전자증명서 유효 기한
cert-renewal-how = 유효 기한 3개월 전부터 거주하시는 시구정촌 창구에서 갱신할 수 있습니다. 마이넘버 카드와 본인 확인 서류를 지참하십시오. 창구에서 비밀번호를 입력합니다. 갱신은 무료입니다.
cert-renewal-lapse = 유효 기한이 지나면 전자증명서를 사용하는 온라인 절차나 편의점에서의 증명서 발급을 이용할 수 없습니다. 카드는 카드의 유효 기한까지 본인 확인 서류로 사용할 수 있습니다.

## Copy of resident record / certificate of recorded matters
record-title-copy = 주민표 사본
record-title-matters = 주민표 기재 사항 증명서
record-certify-copy = 이 사본이 주민표 원본과 다름없음을 증명합니다.
record-certify-matters = 위의 사항이 주민표에 기재되어 있음을 증명합니다.
record-members = 세대 구성원
record-omitted = 청구하지 않은 사항은 생략했습니다.
record-removed = 이 주민표는 말소되었습니다(제표로 보관).
record-verification-code = 검증 코드
record-verify-how = QR 코드를 읽거나 {$url} 에서 검증 코드를 입력하면 이 증명서가 변조되지 않았음을 확인할 수 있습니다.

## Verification page
verify-title = 증명서 검증
verify-genuine = 이 증명서는 이 시스템이 발행한 것입니다. 내용은 아래와 같습니다.
verify-unknown = 이 검증 코드의 증명서가 없습니다. 위조되었을 수 있습니다.
verify-file-genuine = 이 파일은 발행된 그대로이며 변조되지 않았습니다.
verify-file-altered = 이 파일은 발행 후 변경되었거나 이 시스템이 발행한 것이 아닙니다.

## 공개 페이지 (첫 페이지와 증명서 확인)
public-site-name = 마이넘버 (개인번호)
public-skip = 본문으로 이동
public-language = 언어
public-not-official = 이 사이트는 마이넘버 제도를 오픈 소스로 구현한 시스템입니다. 국가나 시구정촌의 공식 사이트가 아닙니다.
public-home-link = 첫 페이지
public-contents = 이 페이지의 내용
public-home-title = 마이넘버(개인번호)란?
public-home-lead = 마이넘버는 일본에 주민표가 있는 모든 사람에게 한 사람당 하나씩 부여되는 12자리 번호입니다. 주민표가 있는 외국인 주민에게도 부여됩니다. 사회보장, 세금, 재해 대책 등의 행정 절차에 사용됩니다.
public-notice-title = 개인번호 통지서를 받으면
public-notice-text = 번호가 부여되면 '개인번호 통지서'가 우편으로 도착합니다. 번호를 알려 주는 서류이며, 번호나 본인임을 증명하는 데에는 사용할 수 없습니다. 소중히 보관해 주십시오. 마이넘버카드 교부 신청서가 함께 들어 있습니다.
public-card-title = 마이넘버카드
public-card-text = 얼굴 사진이 있는 카드로, 본인 확인 서류로 사용할 수 있습니다. 카드의 전자증명서로 온라인 절차를 할 수 있습니다. 처음 받는 카드는 무료입니다.
public-apply-title = 카드 신청 방법
public-apply-text = 교부 신청서로 우편, 컴퓨터, 스마트폰, 거리의 증명사진기에서 신청할 수 있습니다. 신청 후 약 1개월이 지나면 교부 통지서가 도착합니다. 교부 통지서와 본인 확인 서류를 가지고 시구정촌 창구에서 카드를 받습니다. 비밀번호는 받을 때 설정합니다.
public-lost-title = 카드를 잃어버렸을 때
public-lost-text = 바로 전화로 카드를 일시정지해 주십시오. 일시정지는 24시간 365일 접수합니다.
public-lost-phone = 마이넘버 종합 프리다이얼: 0120-95-0178 (음성 안내 2번)
public-lost-phone-foreign = 영어·중국어·한국어·스페인어·포르투갈어: 0120-0178-27
public-lost-next = 밖에서 잃어버렸다면 경찰에도 신고하고 접수번호를 적어 두십시오. 카드를 찾으면 시구정촌 창구에서 일시정지를 해제합니다(전화로는 할 수 없습니다). 찾지 못하면 창구에서 신고하고 재발급을 신청합니다(수수료 {$fee}엔).
public-verify-title = 증명서 확인
public-verify-text = 시구정촌이 발행한 주민표 사본 등의 증명서는 인쇄된 확인 코드로 정식 발행된 것인지 확인할 수 있습니다.
public-verify-link = 확인 코드 입력
public-verify-lead = 서류에 인쇄된 16자리 확인 코드를 입력해 주십시오.
public-verify-hint = 예: K7QM-2XRT-9B4D-HW3P
public-verify-button = 확인
public-staff-title = 직원용
public-staff-desk = 창구 화면(직원 로그인)
public-staff-api = API 참조
dev-title = 서비스 사업자용: 마이넘버 카드 로그인과 전자서명
dev-lead = 이 시스템은 OpenID Connect 제공자입니다. 관리자가 등록한 서비스는 주민에게 마이넘버 카드로 로그인하게 하고 문서에 서명하게 할 수 있습니다. 개인번호는 로그인에도 서명에도 쓰지 않습니다.
dev-register-title = 등록
dev-register-text = 관리자가 귀사의 법인번호와 역할, 공개키(P-256), 리디렉션 URI를 등록합니다. client_id는 귀사의 조직 ID입니다. 클라이언트 인증은 private_key_jwt(ES256)뿐이며 공유 비밀은 없습니다.
dev-endpoints-title = 이 환경의 엔드포인트
dev-example-title = 동작하는 예
dev-example-text = 다음 Python 프로그램(Authlib)은 PKCE와 nonce로 주민을 로그인시키고, JWKS로 ID 토큰을 검증하고, 동의된 항목을 읽습니다. client id, 키 파일, 리디렉션 URI를 바꾸십시오.
dev-sign-title = 전자서명
dev-sign-text = 서명 검증자로 등록된 조직은 조직 토큰과 문서의 SHA-256으로 서명 트랜잭션을 시작하고, scope openid sign과 sign_transaction_id로 주민을 로그인에 보냅니다. 로그인 후 결과를 자기 키로 암호화된 JWE로 받습니다.
dev-home-link = 서비스 사업자용(카드 로그인과 전자서명)

## API errors (the public API answers in its reader's language; staff's are in locales/desk/)
api-error-body-too-large = 보낸 내용이 너무 큽니다.
api-error-conflict = 같은 시각에 다른 처리가 이 내용을 바꾸었습니다. 다시 시도해 주세요.
api-error-document-not-genuine = 이 문서는 발급된 때의 내용과 다릅니다.
api-error-forbidden = 귀하의 역할이나 담당 시구정촌에서는 이 작업을 할 수 없습니다.
api-error-import-changed = 가져오는 중인 파일이 지난번과 달라졌습니다. 처음부터 다시 가져오세요.
api-error-imported-before = 이 파일은 이미 가져왔습니다.
api-error-internal-error = 처리 중에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요. 문제는 기록되었습니다.
api-error-invalid-body = 보낸 내용의 항목이나 형식이 올바르지 않습니다.
api-error-invalid-input = 입력 내용에 문제가 있습니다. 각 항목의 설명을 확인해 주세요.
api-error-malformed-body = 보낸 내용을 읽을 수 없습니다(JSON 형식을 확인해 주세요).
api-error-method-not-allowed = 이 경로에서는 이 방식을 사용할 수 없습니다.
api-error-not-found = 찾는 내용이 없습니다.
api-error-not-verified = 확인할 수 없습니다(서명이나 인증서가 유효하지 않습니다).
api-error-number-not-current = 이 개인번호는 현재 번호가 아닙니다(변경되었습니다).
api-error-procedure-refused = 이 기록의 현재 상태에서는 이 절차를 할 수 없습니다.
api-error-render-failed = 문서를 만들 수 없습니다. 문제는 기록되었습니다.
api-error-too-many-failures = 인증 실패가 너무 많습니다. 잠시 후 다시 시도해 주세요.
api-error-unauthenticated = 유효한 토큰이 필요합니다.
api-error-unavailable = 일시적으로 사용할 수 없습니다. 잠시 후 다시 시도해 주세요.
api-error-unsupported-media-type = 보내는 내용의 형식(Content-Type)을 확인해 주세요.
api-error-wrong-pin = 비밀번호가 틀렸습니다. 남은 횟수를 확인해 주세요.
problem-verification-code-16-letters = 검증 코드는 영문자와 숫자 16자입니다(예: K7QM-2XRT-9B4D-HW3P).

# Log-in with the card (issue 12, docs/design/oidc.md).
login-title = 마이넘버 카드로 로그인
login-asks = { $client }에서 본인 확인을 요청하고 있습니다.
login-items-heading = 요청된 정보
login-no-items = 본인 확인만 합니다. 다른 정보는 전송되지 않습니다.
login-item-openid = 본인 확인
login-item-name = 성명
login-item-address = 주소
login-item-birthdate = 생년월일
login-item-gender = 성별
login-item-sign = 카드를 이용한 전자서명(서명할 때마다 다시 확인합니다)
login-item-latest-four = 변경이 있을 때 이 사업자에게 최신 성명·주소·생년월일·성별을 제공하는 것(1년간)
login-card-heading = 카드로 확인하기
login-card-text = 인증 앱을 실행하여 카드를 읽히고, 이용자 증명용 전자증명서의 비밀번호(숫자 4자리)를 입력해 주십시오. 앱에 다음 확인 번호가 표시되는지 확인해 주십시오.
login-confirmation = 확인 번호
login-app-command = 컴퓨터의 mynumber 앱에서는 아래 명령을 실행합니다. 다른 기기의 앱에서는 QR 코드를 읽어 주십시오.
login-qr-label = 인증 앱으로 읽을 QR 코드
login-waiting = 카드 확인을 기다리고 있습니다. 앱에서 완료되면 「다음」을 눌러 주십시오.
login-continue = 다음
login-consent-heading = 정보를 보내시겠습니까?
login-consent-text = 카드로 본인임을 확인했습니다. 동의하시면 { $client }에 위의 정보가 전송됩니다.
login-agree = 동의하고 계속
login-decline = 보내지 않음
login-finished = 이 로그인은 끝났습니다. 이 페이지를 닫으셔도 됩니다.
login-expired = 이 로그인은 시간이 초과되었습니다. 서비스로 돌아가 다시 시작해 주십시오.
login-other-browser = 이 로그인은 다른 브라우저에서 시작되었습니다. 시작한 브라우저에서 계속해 주십시오.
login-not-found = 이 로그인을 찾을 수 없습니다. 서비스로 돌아가 다시 시작해 주십시오.
login-bad-request = 서비스의 요청에 오류가 있어 로그인을 시작할 수 없습니다. 서비스로 돌아가 주십시오.
login-bad-client = 이 서비스는 등록되어 있지 않거나 돌아갈 주소가 등록과 일치하지 않아 로그인을 시작할 수 없습니다.
login-failed = 로그인을 처리할 수 없었습니다. 잠시 후 다시 시도해 주십시오.
login-logged-out = 로그아웃되었습니다. 이 시스템은 로그인할 때마다 카드로 확인하므로 남아 있는 로그인 상태가 없습니다.

## Prints on plain paper: the seal certificate, the back (scramble image) and its inquiry page
seal-certificate-title = 인감등록증명서
seal-certificate-certify = 위 인영은 등록된 인감과 다름없음을 증명합니다.
field-seal-impression = 인영
back-heading = 뒷면: 앞면 내용을 암호화한 이미지(스크램블 이미지)
back-how = 이 면을 스캔하여 {$url} 에 올리면 발급 당시의 앞면 내용이 표시됩니다. 가지고 계신 앞면과 비교하여 고쳐지지 않았는지 확인하십시오.
public-back-title = 뒷면 이미지로 확인
public-back-lead = 편의점 등에서 인쇄한 증명서 뒷면의 스캔을 올리면 발급 당시의 앞면 내용이 표시됩니다. 가지고 계신 앞면과 한 글자씩 비교하십시오.
public-back-file = 뒷면 스캔
public-back-hint = PNG, JPEG 또는 PDF. 뒷면 전체를 300 dpi 이상으로 스캔하십시오.
public-back-submit = 읽기
public-back-genuine = 이 뒷면은 이 시스템이 발급한 것입니다. 발급 당시의 앞면 내용은 다음과 같습니다.
public-back-withheld = 인쇄되어 있음(이 화면에는 표시하지 않음)
public-back-person = 기재된 사람
problem-back-format = PNG, JPEG 또는 PDF 파일을 올리십시오.
problem-back-too-large = 파일이 너무 큽니다({$max_mib} MiB, 4,000만 화소까지). 300~600 dpi로 스캔하십시오.
problem-back-no-image = 이 PDF에는 스캔한 이미지가 없습니다. 스캐너로 만든 PDF나 이미지 파일을 올리십시오.
problem-back-damaged = 파일이 손상되어 이미지로 읽을 수 없습니다.
problem-back-no-symbols = 뒷면 이미지를 찾을 수 없습니다. 뒷면 전체를 300 dpi 이상으로 스캔하십시오.
problem-back-front-side = 앞면이 스캔되었습니다. 뒷면을 스캔하십시오.
problem-back-incomplete = 뒷면 이미지의 일부만 읽었습니다({$count}개 중 {$found}개). 접힘이나 얼룩 없이 뒷면 전체를 스캔하십시오.
problem-back-mixed = 두 장 이상의 증명서 뒷면이 스캔되었습니다. 한 장씩 스캔하십시오.
problem-back-tampered = 이 뒷면은 고쳐졌거나 이 시스템이 발급한 것이 아닙니다.

## 귀하의 정보 (마이나포털, issue 14, docs/design/portal.md)
portal-title = 귀하의 정보
portal-lead = 마이넘버 카드로 로그인하면 귀하의 주민표, 카드와 전자증명서, 행정기관이 귀하의 정보를 주고받은 기록, 직원이나 기관이 귀하의 기록을 다룬 기록을 확인할 수 있습니다. 로그인에는 개인번호를 사용하지 않습니다.
portal-login-button = 마이넘버 카드로 로그인
portal-login-asks = 이 시스템의 '귀하의 정보'에 로그인하기 위해 카드로 본인임을 확인합니다.
portal-logout = 로그아웃
portal-logged-out = 로그아웃되었습니다.
portal-nav-label = 귀하의 정보 페이지
portal-nav-info = 내 정보
portal-nav-exchanges = 정보 교환 이력
portal-nav-access = 접근 기록
portal-session-ended = 로그인 시간이 지났습니다. 다시 로그인해 주십시오.
portal-record-heading = 주민표
portal-household-heading = 세대
portal-cards-heading = 마이넘버 카드
portal-cards-none = 마이넘버 카드가 없습니다.
portal-card-status = 상태
portal-card-active = 사용 중
portal-card-produced = 수령 대기
portal-card-suspended = 일시정지 중
portal-card-ended = 사용 종료
portal-certificates-heading = 전자증명서
portal-certificates-none = 전자증명서가 없습니다.
portal-certificate-signature = 서명용 전자증명서
portal-certificate-authentication = 이용자 증명용 전자증명서
portal-certificate-good = 유효
portal-certificate-held = 일시 보류 중
portal-certificate-revoked = 실효
portal-valid-until = 유효 기한
portal-exchanges-lead = 행정기관이 정보제공 네트워크 시스템(기관끼리 정보를 주고받는 시스템)을 통해 귀하의 정보를 주고받은 기록입니다. 조회에는 개인번호가 아니라 기관마다 다른 부호가 사용되었습니다.
portal-exchanges-none = 정보를 주고받은 기록이 없습니다.
portal-exchanges-hidden = 이 밖에 제공한 기관이 비공개로 정한 기록이 { $count }건 있습니다. 그 내용은 표시하지 않습니다.
portal-col-when = 일시
portal-col-requester = 조회한 기관
portal-col-provider = 제공한 기관
portal-col-procedure = 사무
portal-col-item = 정보
portal-col-outcome = 결과
portal-outcome-provided = 제공되었습니다
portal-outcome-not-found = 해당하는 정보가 없었습니다
portal-item-resident-household = 주민표 관계 정보
portal-item-local-tax = 지방세 관계 정보
portal-item-child-allowance = 아동수당 관계 정보
portal-procedure-child-allowance = 아동수당 지급
portal-procedure-national-health-insurance = 국민건강보험 보험료
portal-procedure-school-expense-aid = 취학 원조
portal-procedure-national-pension = 국민연금 보험료 면제
portal-procedure-self-disclosure = 본인에게 정보 제공
portal-access-lead = 직원이나 기관이 귀하의 기록, 개인번호, 카드를 다룬 기록입니다. 나중에 고쳐 쓸 수 없는 형태로 대장에 기록되어 있습니다.
portal-access-none = 기록이 없습니다.
portal-col-who = 누가
portal-col-action = 무엇을
portal-col-purpose = 목적
portal-col-where = 기록한 곳
portal-who-staff = 직원
portal-who-agency = 행정기관
portal-who-relying-party = 사업자
portal-who-resident = 귀하
portal-who-kiosk = 편의점 단말기
portal-who-system = 시스템
portal-action-number-read = 개인번호를 보았습니다
portal-action-number-lookup = 개인번호로 기록을 찾았습니다
portal-action-record-read = 주민표를 보았습니다
portal-action-agency-code-issued = 행정기관에 부호를 발급했습니다
portal-action-card-login-authenticated = 카드로 로그인했습니다
portal-action-access-history-read = 접근 기록을 보았습니다
portal-action-exchange-history-read = 정보 교환 이력을 보았습니다
portal-action-access-history-receipt = 접근 기록의 증명을 받았습니다
portal-action-portal-signed-in = 귀하의 정보에 로그인했습니다
portal-action-own-record-read = 귀하의 정보를 보았습니다
portal-action-portal-card-authenticated = 귀하의 정보에 로그인하기 위해 카드를 확인했습니다
portal-action-portal-signed-out = 귀하의 정보에서 로그아웃했습니다
portal-action-card-applied = 카드 교부 신청을 접수했습니다
portal-action-card-produced = 카드를 만들었습니다
portal-action-card-handed-over = 카드를 교부했습니다
portal-action-certificate-issued = 전자증명서를 발급했습니다
portal-action-import = 주민표를 등록했습니다
portal-action-other = 기타 처리({ $code })
portal-receipt-heading = 기록 증명
portal-receipt-text = 이 기록을 이 시스템 대장의 키로 서명한 증명으로 받을 수 있습니다. 보관해 두면 나중에 기록이 고쳐지지 않았음을 확인할 수 있습니다.
portal-receipt-download = 증명 다운로드
portal-check-heading = 보관한 증명 확인
portal-check-text = 이전에 받은 증명 파일을 선택하면 서명과, 기록이 지금도 같은지를 확인합니다.
portal-check-file = 증명 파일
portal-check-button = 확인
portal-check-intact = 이 증명은 진짜이며, 증명에 있는 기록 { $count }건은 모두 지금도 같습니다.
portal-check-altered = 이 증명은 진짜이지만, 증명에 있는 기록 중 { $count }곳이 지금은 달라져 있습니다. 시구정촌에 문의해 주십시오.
portal-check-invalid = 이 파일은 이 시스템이 발행한 증명으로 확인할 수 없습니다.
portal-suspend-heading = 카드를 잃어버렸을 때
portal-suspend-text = 카드를 잃어버렸을 때는 여기에서 바로 카드를 일시정지할 수 있습니다(24시간 언제든지). 카드의 전자증명서도 사용할 수 없게 됩니다. 카드를 찾으면 시구정촌 창구에서 일시정지 해제 절차를 밟아 주십시오.
portal-suspend-button = 카드 일시정지
portal-suspend-done = 카드를 일시정지했습니다. 전자증명서도 사용할 수 없게 되었습니다. 카드를 찾으면 시구정촌 창구에서 일시정지를 해제할 수 있습니다.
portal-nav-data = 행정기관의 정보
portal-data-lead = 행정기관이 가지고 있는 귀하의 정보를 정보제공 네트워크 시스템을 통해 받아와서 표시합니다. 받아온 사실은 정보 교환 이력에 기록됩니다.
portal-data-none = 받아올 수 있는 정보가 없습니다.
portal-data-from = 제공한 기관
portal-field-relationship = 세대주와의 관계
portal-field-head-name = 세대주의 성명
portal-field-household-size = 세대원 수
portal-field-resident-since = 주민이 된 날
portal-field-fiscal-year = 과세 연도
portal-field-total-income = 총소득금액 등(엔)
portal-field-taxable-income = 과세표준액(엔)
portal-field-income-levy = 지방세 중 소득에 따른 부분(엔)
portal-field-per-capita-levy = 지방세 중 1인당 같은 금액인 부분(엔)
portal-field-dependants = 부양가족 수
portal-field-non-taxable = 비과세
portal-field-status = 수급 상황
portal-field-children = 지급 대상 아동 수
portal-field-monthly-amount = 월 지급액(엔)
portal-field-since = 지급 시작일
portal-value-yes = 예
portal-value-no = 아니요
portal-value-paying = 지급 중
portal-value-suspended = 지급 정지 중
portal-value-ended = 지급 종료
