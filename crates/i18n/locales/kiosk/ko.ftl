# The kiosk's screens (コンビニ交付, issue 13): 한국어. docs/design/kiosk.md.

## Catalog metadata
meta-language-name = 한국어
meta-script = kr

## Screens
kiosk-title = 편의점 증명서 발급
kiosk-choose-language = 언어를 선택하십시오
kiosk-start = 시작
kiosk-cancel = 취소
kiosk-next = 다음
kiosk-insert-card = 마이넘버카드를 카드 리더기에 올려 주십시오.
kiosk-card-placed = 올려 놓았습니다
kiosk-no-card = 카드를 읽을 수 없습니다. 방향을 확인하고 다시 올려 주십시오.
kiosk-pin-title = 비밀번호(숫자 4자리)를 눌러 주십시오
kiosk-pin-hint = 이용자 증명용 전자증명서의 비밀번호입니다. 다른 사람이 보지 않도록 눌러 주십시오.
kiosk-pin-entered = {$count}자리 입력했습니다
kiosk-pin-delete = 한 자리 지우기
kiosk-pin-ok = 확인
kiosk-pin-wrong = 비밀번호가 틀렸습니다. {$tries}번 더 틀리면 카드가 잠깁니다.
kiosk-pin-blocked = 비밀번호가 잠겼습니다. 시구정촌 창구에서 다시 설정하십시오.
kiosk-document-title = 증명서를 선택하십시오
kiosk-document-resident-record-copy = 주민표 사본
kiosk-document-resident-record-items = 주민표 기재사항 증명서
kiosk-document-seal-certificate = 인감등록증명서
kiosk-options-title = 기재할 항목과 부수
kiosk-option-household = 세대원 전원
kiosk-option-householder = 세대주와 관계
kiosk-option-number = 개인번호(마이넘버)
kiosk-option-on = 기재함
kiosk-option-off = 기재 안 함
kiosk-option-change = 바꾸기
kiosk-copies = 부수
kiosk-copies-more = 1부 늘리기
kiosk-copies-fewer = 1부 줄이기
kiosk-confirm-title = 내용을 확인하십시오
kiosk-fee = 수수료
kiosk-yen = {$yen}엔
kiosk-pay = 결제하기
kiosk-pay-title = 요금을 넣어 주십시오
kiosk-pay-insert = {$yen}엔을 넣었습니다
kiosk-done-title = 증명서를 받아 가십시오
kiosk-take-card = 카드를 잊지 마십시오.
kiosk-printed-code = 검증 코드
kiosk-finish = 종료
kiosk-timeout = 조작이 없어 종료되었습니다. 카드를 가져가십시오.
kiosk-refused = 이 증명서는 발급할 수 없습니다: {$reason}
kiosk-unavailable = 지금은 증명서를 발급할 수 없습니다. 잠시 후 다시 시도하십시오.
kiosk-print-failed = 인쇄하지 못했습니다. 요금은 부과되지 않으며 다시 인쇄합니다.
kiosk-reprint = 다시 인쇄
kiosk-number-note = 개인번호는 본인이 요청한 경우에만 기재합니다.
kiosk-step = {$step} / 5 단계
kiosk-not-ready = 이 단말기는 사용할 수 없습니다(센터에 연결되지 않음).
kiosk-idle-warning = 곧 종료됩니다. 계속하려면 화면을 터치하십시오.
kiosk-continue = 계속
