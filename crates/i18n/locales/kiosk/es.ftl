# The kiosk's screens (コンビニ交付, issue 13): Español. docs/design/kiosk.md.

## Catalog metadata
meta-language-name = Español
meta-script = latin

## Screens
kiosk-title = Certificados en la tienda de conveniencia
kiosk-choose-language = Elija su idioma
kiosk-start = Empezar
kiosk-cancel = Cancelar
kiosk-next = Siguiente
kiosk-insert-card = Coloque su tarjeta My Number en el lector de tarjetas.
kiosk-card-placed = Tarjeta colocada
kiosk-no-card = No se puede leer la tarjeta. Compruebe la orientación y colóquela de nuevo.
kiosk-pin-title = Introduzca su PIN (4 dígitos)
kiosk-pin-hint = Es el PIN del certificado de autenticación del usuario. Que nadie lo vea.
kiosk-pin-entered = {$count} de 4 dígitos introducidos
kiosk-pin-delete = Borrar un dígito
kiosk-pin-ok = Confirmar
kiosk-pin-wrong = PIN incorrecto. {$tries} errores más bloquearán la tarjeta.
kiosk-pin-blocked = El PIN está bloqueado. Restablézcalo en la ventanilla del ayuntamiento.
kiosk-document-title = Elija el certificado
kiosk-document-resident-record-copy = Copia del registro de residente
kiosk-document-resident-record-items = Certificado de datos del registro de residente
kiosk-document-seal-certificate = Certificado de registro de sello
kiosk-options-title = Qué incluir y cuántas copias
kiosk-option-household = Todos los del hogar
kiosk-option-householder = Cabeza del hogar y parentesco
kiosk-option-number = Número individual (My Number)
kiosk-option-on = Incluido
kiosk-option-off = No incluido
kiosk-option-change = Cambiar
kiosk-copies = Copias
kiosk-copies-more = Una copia más
kiosk-copies-fewer = Una copia menos
kiosk-confirm-title = Compruebe su pedido
kiosk-fee = Tasa
kiosk-yen = {$yen} yenes
kiosk-pay = Ir al pago
kiosk-pay-title = Introduzca el importe
kiosk-pay-insert = He introducido {$yen} yenes
kiosk-done-title = Recoja su certificado
kiosk-take-card = No olvide su tarjeta.
kiosk-printed-code = Código de verificación
kiosk-finish = Terminar
kiosk-timeout = La sesión terminó por inactividad. Retire su tarjeta.
kiosk-refused = Este certificado no se puede expedir: {$reason}
kiosk-unavailable = Ahora no se pueden expedir certificados. Inténtelo más tarde.
kiosk-print-failed = La impresión falló. No se le cobra; se imprimirá de nuevo.
kiosk-reprint = Imprimir de nuevo
kiosk-number-note = El número individual solo se imprime a petición suya.
kiosk-step = Paso {$step} de 5
kiosk-not-ready = Este terminal está fuera de servicio (no conecta con el centro).
kiosk-idle-warning = La sesión terminará pronto. Toque la pantalla para continuar.
kiosk-continue = Continuar
