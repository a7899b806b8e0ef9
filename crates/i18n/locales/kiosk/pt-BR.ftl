# The kiosk's screens (コンビニ交付, issue 13): Português. docs/design/kiosk.md.

## Catalog metadata
meta-language-name = Português
meta-script = latin

## Screens
kiosk-title = Certidões na loja de conveniência
kiosk-choose-language = Escolha o idioma
kiosk-start = Começar
kiosk-cancel = Cancelar
kiosk-next = Avançar
kiosk-insert-card = Coloque o seu cartão My Number no leitor de cartões.
kiosk-card-placed = Cartão colocado
kiosk-no-card = Não foi possível ler o cartão. Verifique a posição e coloque-o novamente.
kiosk-pin-title = Digite o PIN (4 dígitos)
kiosk-pin-hint = É o PIN do certificado de autenticação do usuário. Não deixe que outras pessoas vejam.
kiosk-pin-entered = {$count} de 4 dígitos digitados
kiosk-pin-delete = Apagar um dígito
kiosk-pin-ok = Confirmar
kiosk-pin-wrong = PIN incorreto. Mais {$tries} erros bloquearão o cartão.
kiosk-pin-blocked = O PIN está bloqueado. Redefina-o no balcão da prefeitura.
kiosk-document-title = Escolha a certidão
kiosk-document-resident-record-copy = Cópia do registro de residente
kiosk-document-resident-record-items = Certidão de dados do registro de residente
kiosk-document-seal-certificate = Certidão de registro de carimbo
kiosk-options-title = O que incluir e quantas cópias
kiosk-option-household = Todos do domicílio
kiosk-option-householder = Chefe do domicílio e parentesco
kiosk-option-number = Número individual (My Number)
kiosk-option-on = Incluído
kiosk-option-off = Não incluído
kiosk-option-change = Alterar
kiosk-copies = Cópias
kiosk-copies-more = Mais uma cópia
kiosk-copies-fewer = Uma cópia a menos
kiosk-confirm-title = Confira o pedido
kiosk-fee = Taxa
kiosk-yen = ¥{$yen}
kiosk-pay = Ir para o pagamento
kiosk-pay-title = Insira o valor
kiosk-pay-insert = Inseri ¥{$yen}
kiosk-done-title = Retire a sua certidão
kiosk-take-card = Não se esqueça do seu cartão.
kiosk-printed-code = Código de verificação
kiosk-finish = Terminar
kiosk-timeout = A sessão terminou por inatividade. Retire o seu cartão.
kiosk-refused = Esta certidão não pode ser emitida: {$reason}
kiosk-unavailable = Não é possível emitir certidões agora. Tente mais tarde.
kiosk-print-failed = A impressão falhou. Não há cobrança; será impressa novamente.
kiosk-reprint = Imprimir novamente
kiosk-number-note = O número individual só é impresso a seu pedido.
kiosk-step = Etapa {$step} de 5
kiosk-not-ready = Este terminal está fora de serviço (sem conexão com o centro).
kiosk-idle-warning = A sessão vai terminar em breve. Toque na tela para continuar.
kiosk-continue = Continuar
