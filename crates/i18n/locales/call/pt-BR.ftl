# Linha de cartões perdidos: roteiros do atendente e próximos passos para quem liga. Português (Brasil).

## Catalog metadata
meta-language-name = Português (Brasil)
meta-script = latin

## Datas e horas (horário do Japão)
date = {$day} de {$month ->
    [1] janeiro
    [2] fevereiro
    [3] março
    [4] abril
    [5] maio
    [6] junho
    [7] julho
    [8] agosto
    [9] setembro
    [10] outubro
    [11] novembro
   *[12] dezembro
} de {$year}
date-time = {$day} de {$month ->
    [1] janeiro
    [2] fevereiro
    [3] março
    [4] abril
    [5] maio
    [6] junho
    [7] julho
    [8] agosto
    [9] setembro
    [10] outubro
    [11] novembro
   *[12] dezembro
} de {$year}, {$hour}:{$minute} (horário do Japão)

## Roteiro
call-script-title = Roteiro (português)
call-script-open = Obrigado por ligar. Nesta linha suspendemos o Cartão My Number perdido ou roubado.
call-script-ask-caller = O senhor ou a senhora é o titular do cartão, um familiar ou o representante legal do titular?
call-script-ask-name = Por favor, diga o nome do titular: a leitura em kana ou, para residentes estrangeiros, o nome em letras latinas como consta no registro de residentes.
call-script-ask-birth = Por favor, diga a data de nascimento.
call-script-ask-address = Por favor, diga o endereço registrado, da província até o número do quarteirão.
call-script-found = Encontrei o registro. Agora vou suspender o cartão. Enquanto estiver suspenso, os certificados eletrônicos do cartão não poderão ser usados para fazer login nem para assinar. Posso continuar?
call-script-ask-police = Se já comunicou a perda ou o roubo à polícia, diga o número do protocolo. Se ainda não, faça a comunicação e guarde o número do protocolo: ele será necessário para a reemissão do cartão.
call-script-suspended = O cartão foi suspenso. Encontrando ou não o cartão, será preciso ir ao balcão da prefeitura onde mora. Agora vou explicar os próximos passos.
call-script-not-found = Não encontrei nenhum registro que corresponda ao que me disse. Vou conferir de novo a leitura do nome, a data de nascimento e o endereço. Se ainda assim não corresponder, procure o balcão da prefeitura onde mora.
call-script-ambiguous = Com o que me disse não é possível identificar o titular, por isso não posso suspender nenhum cartão nesta ligação. Procure o balcão da prefeitura onde mora.
call-script-no-card = Não há cartão para suspender nesta ligação: o cartão já está suspenso ou ainda não foi retirado.
call-script-abroad-title = Ligações do exterior
call-script-abroad = Também atendemos ligações do exterior: o cartão pode ser suspenso nesta ligação. O cancelamento da suspensão e a reemissão do cartão são feitos no balcão de uma prefeitura. Pergunte à prefeitura onde está registrado aonde deve ir.

## Próximos passos (para imprimir)
call-next-title = Seu Cartão My Number foi suspenso: próximos passos
call-next-reference = Protocolo: {$call}
call-next-suspended-at = Suspenso em: {$time}
call-next-effect = Enquanto o cartão estiver suspenso, seus certificados eletrônicos (para login e assinatura) não podem ser usados. O certificado de assinatura foi revogado.
call-next-not-suspended = Nenhum cartão foi suspenso nesta ligação. Procure o balcão da prefeitura onde mora.
call-next-found-title = Se encontrar o cartão
call-next-found = Peça no balcão da prefeitura onde mora o cancelamento da suspensão. Não é possível fazer isso por telefone. Leve o cartão encontrado e um documento de identidade. Um novo certificado de assinatura será emitido (você vai definir a senha dele).
call-next-lost-title = Se não encontrar o cartão
call-next-lost = Comunique a perda à polícia e guarde o número do protocolo. No balcão da prefeitura onde mora, declare a perda do cartão (ele será cancelado) e peça um novo. A taxa do novo cartão é de {$fee} ienes. Um cartão cancelado não pode ser usado de novo, mesmo que seja encontrado depois.
call-next-keep = Guarde esta folha até concluir o procedimento no balcão.
