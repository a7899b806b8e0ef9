# Línea de tarjetas perdidas: guiones del operador y próximos pasos para quien llama. Español.

## Catalog metadata
meta-language-name = Español
meta-script = latin

## Fechas y horas (hora de Japón)
date = {$day} de {$month ->
    [1] enero
    [2] febrero
    [3] marzo
    [4] abril
    [5] mayo
    [6] junio
    [7] julio
    [8] agosto
    [9] septiembre
    [10] octubre
    [11] noviembre
   *[12] diciembre
} de {$year}
date-time = {$day} de {$month ->
    [1] enero
    [2] febrero
    [3] marzo
    [4] abril
    [5] mayo
    [6] junio
    [7] julio
    [8] agosto
    [9] septiembre
    [10] octubre
    [11] noviembre
   *[12] diciembre
} de {$year}, {$hour}:{$minute} (hora de Japón)

## Guion
call-script-title = Guion (español)
call-script-open = Gracias por llamar. En esta línea se suspende la Tarjeta My Number que se ha perdido o ha sido robada.
call-script-ask-caller = ¿Es usted el titular de la tarjeta, un familiar o su representante legal?
call-script-ask-name = Dígame, por favor, el nombre del titular: su lectura en kana o, si es residente extranjero, el nombre en letras latinas tal como figura en el registro de residentes.
call-script-ask-birth = Dígame, por favor, la fecha de nacimiento.
call-script-ask-address = Dígame, por favor, el domicilio registrado, desde la prefectura hasta el número de manzana.
call-script-found = He encontrado el registro. Ahora voy a suspender la tarjeta. Mientras esté suspendida, no se podrán usar sus certificados electrónicos para iniciar sesión ni para firmar. ¿Desea que continúe?
call-script-ask-police = Si ha denunciado la pérdida o el robo a la policía, dígame el número de recepción. Si no, hágalo y guarde el número de recepción: lo necesitará para que le vuelvan a expedir la tarjeta.
call-script-suspended = La tarjeta está suspendida. La encuentre o no, tendrá que acudir a la oficina de su municipio. Ahora le explico los próximos pasos.
call-script-not-found = No hay ningún registro que coincida con lo que me ha dicho. Permítame comprobar de nuevo la lectura del nombre, la fecha de nacimiento y el domicilio. Si aun así no coincide, consulte en la oficina de su municipio.
call-script-ambiguous = Con lo que me ha dicho no se puede identificar al titular, así que no puedo suspender ninguna tarjeta en esta llamada. Consulte en la oficina de su municipio.
call-script-no-card = No hay ninguna tarjeta que suspender en esta llamada: la tarjeta ya está suspendida o todavía no se ha recogido.
call-script-abroad-title = Llamadas desde el extranjero
call-script-abroad = También se atienden llamadas desde el extranjero: la tarjeta se puede suspender en esta llamada. Levantar la suspensión y volver a expedir la tarjeta se hace en una oficina municipal. Pregunte en el municipio donde está registrado adónde debe acudir.

## Próximos pasos (para imprimir)
call-next-title = Su Tarjeta My Number ha sido suspendida: próximos pasos
call-next-reference = Referencia: {$call}
call-next-suspended-at = Suspendida el: {$time}
call-next-effect = Mientras la tarjeta esté suspendida, no se pueden usar sus certificados electrónicos (para iniciar sesión y firmar). El certificado de firma ha sido revocado.
call-next-not-suspended = En esta llamada no se ha suspendido ninguna tarjeta. Consulte en la oficina de su municipio.
call-next-found-title = Si encuentra la tarjeta
call-next-found = Solicite en la oficina de su municipio que se levante la suspensión. No se puede levantar por teléfono. Lleve la tarjeta que encontró y un documento de identidad. Se expedirá un nuevo certificado de firma (usted establecerá su contraseña).
call-next-lost-title = Si no encuentra la tarjeta
call-next-lost = Denuncie la pérdida a la policía y guarde el número de recepción. En la oficina de su municipio, declare la tarjeta perdida (queda anulada) y solicite una nueva. La tasa por una tarjeta nueva es de {$fee} yenes. Una tarjeta anulada no se puede volver a usar, aunque aparezca después.
call-next-keep = Guarde esta hoja hasta haber terminado el trámite en la oficina.
