# Português do Brasil (Brazilian Portuguese).

## Catalog metadata
meta-language-name = Português (Brasil)
meta-script = latin

## Shared values
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
sex-male = Masculino
sex-female = Feminino
relationship-head = Chefe do domicílio
relationship-spouse = Cônjuge
relationship-child = Filho(a)
relationship-child-in-law = Cônjuge do(a) filho(a)
relationship-parent = Pai ou mãe
relationship-grandparent = Avô ou avó
relationship-grandchild = Neto(a)
relationship-sibling = Irmão ou irmã
relationship-other-relative = Outro parente
relationship-cohabitant = Mora no domicílio (não é parente)

## Field labels
field-name = Nome
field-name-kana = Nome em katakana
field-alias = Nome alternativo registrado
field-birth-date = Data de nascimento
field-sex = Sexo
field-address = Endereço
field-previous-address = Endereço anterior
field-relationship = Relação com o chefe do domicílio
field-householder = Chefe do domicílio
field-individual-number = Número Individual
field-resident-code = Código do registro de residente
field-nationality = Nacionalidade ou região
field-status-of-residence = Status de residência
field-period-of-stay = Fim do período de permanência
field-became-resident = Tornou-se residente em
field-issuer = Município emissor
field-issue-date = Data de emissão
field-application-id = ID do formulário de solicitação

## Individual Number notification
notice-title = Notificação do Número Individual
notice-intro = Esta carta informa o seu Número Individual (My Number). Você usará este número por toda a vida.
notice-not-proof = Esta carta não comprova a sua identidade nem o seu Número Individual. Ela não pode ser usada como documento de identidade nem como prova do número, e as empresas não podem aceitá-la.
notice-keep = Esta carta não será emitida novamente; guarde-a em local seguro. Se a perder, você pode confirmar o seu número com uma cópia do registro de residente que mostre o número, ou com o cartão My Number.
notice-apply-heading = Como solicitar o cartão My Number
notice-apply-mail = Pelo correio: cole uma foto do seu rosto no formulário de solicitação anexo, assine e envie no envelope de resposta.
notice-apply-online = Pela internet: leia o código QR do formulário com um smartphone, ou digite o ID de 23 dígitos no site de solicitação, e envie uma foto do seu rosto.
notice-apply-counter = No balcão: leve esta carta e o formulário de solicitação à prefeitura da sua cidade, bairro ou vila.
notice-apply-free = O primeiro cartão é gratuito. Informaremos depois quando e onde retirá-lo.

## Card application form
form-title = Formulário de Solicitação do Cartão My Number
form-photo = Foto (4,5 cm de altura × 3,5 cm de largura)
form-photo-rules = Use uma foto tirada nos últimos 6 meses: de frente, sem chapéu e com fundo liso. Escreva seu nome e data de nascimento no verso.
form-signature = Assinatura do solicitante
form-application-date = Data da solicitação
form-online = Leia com um smartphone para solicitar pela internet
form-moved = Se o seu nome ou endereço mudou, este formulário não pode mais ser usado. Peça um novo na prefeitura.

## Copy of resident record / certificate of recorded matters
record-title-copy = Cópia do Registro de Residente
record-title-matters = Certidão dos Dados Constantes do Registro de Residente
record-certify-copy = Certifica-se que esta é uma cópia fiel do registro de residente.
record-certify-matters = Certifica-se que os dados acima constam do registro de residente.
record-members = Membros do domicílio
record-omitted = Os itens não solicitados foram omitidos.
record-removed = Este registro de residente foi cancelado (mantido como registro antigo).
record-verification-code = Código de verificação
record-verify-how = Para confirmar que esta certidão não foi alterada, leia o código QR ou digite o código de verificação em {$url}.

## Verification page
verify-title = Verificar uma certidão
verify-genuine = Esta certidão foi emitida pelo sistema. O conteúdo está abaixo.
verify-unknown = Não existe certidão com este código de verificação. O documento pode ser falso.
verify-file-genuine = Este arquivo está exatamente como foi emitido e não foi alterado.
verify-file-altered = Este arquivo foi alterado depois de emitido, ou não foi emitido por este sistema.
