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
date-era = {$day} de {$month ->
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
} de {$era ->
    [1] Meiji
    [2] Taishō
    [3] Shōwa
    [4] Heisei
   *[5] Reiwa
} {$year} ({$gyear})
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

## Aviso de retirada do cartão
issue-title = Aviso de Retirada do Cartão My Number
issue-intro = O seu Cartão My Number está pronto. Compareça pessoalmente ao balcão e retire-o até a data abaixo.
field-pick-up-by = Retirar até
field-pick-up-place = Local de retirada
field-card-expiry = Cartão válido até
field-card-serial = Número do cartão
issue-counter = O balcão da prefeitura da sua cidade, distrito ou vila
issue-bring-heading = O que trazer
issue-bring-notice = Este aviso
issue-bring-identity = Documento de identidade: um documento com foto (carteira de motorista, passaporte, cartão de residente etc.) ou dois documentos sem foto (certificado de elegibilidade do seguro de saúde, caderneta de pensão, carteira de estudante, crachá de funcionário etc.)
issue-bring-old-card = Se tiver: o cartão de notificação, o cartão do Registro Básico de Residentes ou o Cartão My Number que você usa atualmente
issue-pins-heading = Decida as suas senhas antes de vir
issue-pin-signature = Senha do certificado de assinatura digital: 6 a 16 caracteres com letras (A–Z) e números (0–9), com pelo menos uma letra e um número. É bloqueada após 5 erros seguidos.
issue-pin-four = Senhas do certificado de autenticação do usuário, do Registro Básico de Residentes e do auxílio à entrada de dados do cartão: 4 números cada. As três podem ser iguais. Cada uma é bloqueada após 3 erros seguidos.
issue-no-pins = O Cartão My Number com reconhecimento facial não tem senhas.
issue-proxy = Se você não puder comparecer por doença ou motivo semelhante, entre em contato com a prefeitura antes da data de retirada.

## Aviso de vencimento do cartão
renewal-title = Aviso de Vencimento do Cartão My Number
renewal-intro = O seu Cartão My Number vencerá em breve.
field-renewal-from = Pode solicitar a renovação a partir de
renewal-how = Você pode solicitar a renovação a partir de 3 meses antes do vencimento. Use o formulário de solicitação anexo para solicitar pelo correio, pela internet, em uma cabine de fotos ou no balcão. A renovação é gratuita.
renewal-return = Devolva o cartão atual quando retirar o novo. Depois do vencimento, nem o cartão nem os seus certificados eletrônicos poderão ser usados.
cert-renewal-title = Aviso de Vencimento dos Certificados Eletrônicos
cert-renewal-intro = Os certificados eletrônicos do seu Cartão My Number vencerão em breve. O cartão em si continua válido por mais tempo.
field-signature-certificate-expiry = Certificado de assinatura válido até
field-authentication-certificate-expiry = Certificado de autenticação do usuário válido até
cert-renewal-how = A partir de 3 meses antes do vencimento, você pode renovar os certificados no balcão do município onde mora. Traga o seu Cartão My Number e um documento de identidade. Você digitará as suas senhas no balcão. A renovação é gratuita.
cert-renewal-lapse = Depois do vencimento, os certificados não poderão mais ser usados em procedimentos pela internet nem para obter certidões em lojas de conveniência. O cartão continua válido como documento de identidade até o seu próprio vencimento.

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

## Páginas públicas (página inicial e verificação de certificados)
public-site-name = My Number (Número Individual)
public-skip = Ir para o conteúdo
public-language = Idioma
public-not-official = Este site roda uma implementação de código aberto do sistema My Number. Não é um site oficial do governo nem de uma prefeitura.
public-home-link = Página inicial
public-contents = Nesta página
public-home-title = O que é o My Number?
public-home-lead = O My Number é um número de 12 dígitos dado a cada pessoa com registro de residente (jūminhyō) no Japão, um por pessoa. Residentes estrangeiros com registro de residente também têm. É usado em procedimentos administrativos como previdência social, impostos e resposta a desastres.
public-notice-title = Quando chegar a carta de notificação
public-notice-text = Quando o seu número é atribuído, a "Notificação do Número Individual" chega pelo correio. Ela informa o seu número; não serve como prova do número nem da sua identidade. Guarde-a bem. Junto vem o formulário de solicitação do Cartão My Number.
public-card-title = O Cartão My Number
public-card-text = Um cartão com a sua foto que serve como documento de identidade. Com os certificados eletrônicos do cartão, é possível fazer procedimentos pela internet. O primeiro cartão é gratuito.
public-apply-title = Como solicitar o cartão
public-apply-text = Use o formulário de solicitação para pedir pelo correio, pelo computador, pelo smartphone ou numa cabine de fotos na rua. Cerca de um mês depois, chega o aviso de retirada. Leve-o com um documento de identidade ao balcão da prefeitura para retirar o cartão. As senhas são definidas na retirada.
public-lost-title = Se perder o cartão
public-lost-text = Ligue imediatamente para suspender o cartão. A suspensão é atendida 24 horas por dia, 365 dias por ano.
public-lost-phone = Linha gratuita do My Number: 0120-95-0178 (opção 2 do menu de voz)
public-lost-phone-foreign = Em inglês, chinês, coreano, espanhol ou português: 0120-0178-27
public-lost-next = Se perdeu fora de casa, comunique também à polícia e guarde o número do protocolo. Se encontrar o cartão, a suspensão é cancelada no balcão da prefeitura (não por telefone). Se não encontrar, declare a perda no balcão e peça um novo cartão (taxa: {$fee} ienes).
public-verify-title = Verificar um certificado
public-verify-text = A cópia do registro de residente e outros certificados emitidos pela prefeitura podem ser verificados com o código de verificação impresso neles.
public-verify-link = Digitar um código de verificação
public-verify-lead = Digite o código de verificação de 16 caracteres impresso no documento.
public-verify-hint = Por exemplo: K7QM-2XRT-9B4D-HW3P
public-verify-button = Verificar
public-staff-title = Para funcionários
public-staff-desk = O balcão (entrada dos funcionários)
public-staff-api = Referência da API
dev-title = Para serviços: login com o Cartão My Number e assinaturas
dev-lead = Este sistema é um provedor OpenID Connect. Um serviço registrado por um administrador pode pedir aos moradores que façam login com o Cartão My Number e assinem documentos. O Individual Number não é usado nem no login nem na assinatura.
dev-register-title = Registro
dev-register-text = Um administrador registra o número corporativo e as funções da sua organização, a sua chave pública (P-256) e os seus URIs de redirecionamento. O client_id é o id da sua organização. Os clientes se autenticam só com private_key_jwt (ES256): não há segredos compartilhados.
dev-endpoints-title = Endpoints desta instalação
dev-example-title = Um exemplo que funciona
dev-example-text = Este programa Python (Authlib) faz o login de um morador com PKCE e nonce, verifica o token de ID com o JWKS e lê os itens consentidos. Substitua o client id, o arquivo da chave e o URI de redirecionamento.
dev-sign-title = Assinaturas
dev-sign-text = Uma organização registrada como verificadora de assinaturas inicia uma sign-transaction com o token da organização e o SHA-256 do documento, e envia o morador ao login com o scope openid sign e o sign_transaction_id. Depois, recebe o resultado como um JWE cifrado para a sua própria chave.
dev-home-link = Para serviços (login com o cartão e assinaturas)

## API errors (the public API answers in its reader's language; staff's are in locales/desk/)
api-error-body-too-large = O conteúdo enviado é grande demais.
api-error-conflict = Outra operação alterou isto no mesmo momento. Tente novamente.
api-error-document-not-genuine = Este documento não está como foi emitido.
api-error-forbidden = Sua função ou seu município não permite isto.
api-error-import-changed = O arquivo em importação mudou desde a última vez. Importe-o de novo desde o início.
api-error-imported-before = Este arquivo já foi importado.
api-error-internal-error = Algo deu errado. Tente novamente mais tarde; o problema foi registrado.
api-error-invalid-body = Os campos ou os tipos do que foi enviado não estão corretos.
api-error-invalid-input = Parte do que foi informado não está certa: veja a mensagem de cada campo.
api-error-malformed-body = Não foi possível ler o que foi enviado (verifique o JSON).
api-error-method-not-allowed = Este caminho não aceita este método.
api-error-not-found = Nada foi encontrado aqui.
api-error-not-verified = Não foi possível verificar (a assinatura ou o certificado não é válido).
api-error-number-not-current = Este Número Individual não é o atual (foi alterado).
api-error-procedure-refused = Este procedimento não pode ser feito no estado atual do registro.
api-error-render-failed = Não foi possível gerar o documento; o problema foi registrado.
api-error-too-many-failures = Falhas de autenticação demais. Aguarde um pouco e tente novamente.
api-error-unauthenticated = É necessário um token válido.
api-error-unavailable = Indisponível no momento. Aguarde um pouco e tente novamente.
api-error-unsupported-media-type = Verifique o tipo de conteúdo (Content-Type) do que é enviado.
api-error-wrong-pin = O PIN está errado: veja as tentativas restantes.
problem-verification-code-16-letters = O código de verificação tem 16 letras e algarismos, por exemplo K7QM-2XRT-9B4D-HW3P.

# Log-in with the card (issue 12, docs/design/oidc.md).
login-title = Entrar com o cartão My Number
login-asks = { $client } pede para confirmar que é você.
login-items-heading = O que é pedido
login-no-items = Só a confirmação de que é você. Nenhuma outra informação é enviada.
login-item-openid = Confirmação de que é você
login-item-name = Nome
login-item-address = Endereço
login-item-birthdate = Data de nascimento
login-item-gender = Sexo
login-item-sign = Assinatura com o cartão (pedida de novo a cada vez)
login-item-latest-four = Seu nome, endereço, data de nascimento e sexo mais recentes, fornecidos a esta organização após uma mudança (por um ano)
login-card-heading = Confirme com o cartão
login-card-text = Abra o aplicativo de autenticação, deixe-o ler o cartão e digite o PIN de 4 dígitos do certificado de autenticação do usuário. Confira se o aplicativo mostra este número de confirmação:
login-confirmation = Número de confirmação
login-app-command = Com o aplicativo mynumber em um computador, execute o comando abaixo. Com um aplicativo em outro aparelho, leia o código QR.
login-qr-label = Código QR para o aplicativo de autenticação
login-waiting = Aguardando o cartão. Quando o aplicativo disser que terminou, escolha Continuar.
login-continue = Continuar
login-consent-heading = Enviar suas informações?
login-consent-text = O cartão confirmou que é você. Se você concordar, { $client } recebe as informações acima.
login-agree = Concordar e continuar
login-decline = Não enviar
login-finished = Este login terminou. Você pode fechar esta página.
login-expired = O tempo deste login acabou. Volte ao serviço e comece de novo.
login-other-browser = Este login foi iniciado em outro navegador. Continue naquele navegador.
login-not-found = Este login não foi encontrado. Volte ao serviço e comece de novo.
login-bad-request = O serviço enviou um pedido com erro, e o login não pode começar. Volte ao serviço.
login-bad-client = Este serviço não está registrado, ou o endereço de retorno não corresponde ao registro, e o login não pode começar.
login-failed = Não foi possível processar o login. Tente de novo mais tarde.
login-logged-out = Você saiu. Este sistema confere o cartão a cada login, então nenhum login fica aberto.

## Prints on plain paper: the seal certificate, the back (scramble image) and its inquiry page
seal-certificate-title = Certificado de registro de carimbo (inkan)
seal-certificate-certify = Certifica-se que a impressão acima é a do carimbo registrado.
field-seal-impression = Impressão do carimbo
back-heading = Verso: o conteúdo da frente, cifrado como imagem
back-how = Digitalize este lado e envie-o em {$url} para ver a frente como foi emitida; compare-a com a frente em mãos para verificar que nada foi alterado.
public-back-title = Verificar pela imagem do verso
public-back-lead = Envie uma digitalização do verso de um certificado impresso numa loja de conveniência e a frente, tal como foi emitida, será exibida. Compare-a, letra por letra, com a frente em mãos.
public-back-file = Digitalização do verso
public-back-hint = PNG, JPEG ou PDF. Digitalize o verso inteiro a 300 dpi ou mais.
public-back-submit = Ler o verso
public-back-genuine = Este verso foi emitido por este sistema. A frente, tal como foi emitida, diz o seguinte.
public-back-withheld = Impresso (não exibido nesta página)
public-back-person = Pessoa indicada
problem-back-format = Envie um arquivo PNG, JPEG ou PDF.
problem-back-too-large = O arquivo é grande demais (até {$max_mib} MiB e 40 milhões de pixels). Digitalize a 300–600 dpi.
problem-back-no-image = Este PDF não contém imagem digitalizada. Envie um PDF feito por um scanner ou um arquivo de imagem.
problem-back-damaged = O arquivo está danificado e não pode ser lido como imagem.
problem-back-no-symbols = A imagem do verso não foi encontrada. Digitalize o verso inteiro a 300 dpi ou mais.
problem-back-front-side = Esta é a digitalização da frente. Digitalize o verso.
problem-back-incomplete = Só foi possível ler parte do verso ({$found} de {$count} códigos). Digitalize o verso inteiro, plano e limpo.
problem-back-mixed = A digitalização contém o verso de dois ou mais certificados. Digitalize um por vez.
problem-back-tampered = Este verso foi alterado ou não foi emitido por este sistema.

## Suas informações (o portal, issue 14, docs/design/portal.md)
portal-title = Suas informações
portal-lead = Entre com o seu Cartão My Number para ver o seu registro de residente, o seu cartão e os certificados eletrônicos dele, o histórico de trocas das suas informações entre órgãos públicos e o histórico de funcionários e órgãos que trataram o seu registro. O seu Número Individual não é usado para entrar.
portal-login-button = Entrar com o Cartão My Number
portal-login-asks = Para entrar em "Suas informações" neste sistema, o seu cartão confirma que é você.
portal-logout = Sair
portal-logged-out = Você saiu.
portal-nav-label = Páginas das suas informações
portal-nav-info = Minhas informações
portal-nav-exchanges = Trocas de informações
portal-nav-access = Registros de acesso
portal-session-ended = O tempo do seu login acabou. Entre novamente.
portal-record-heading = Registro de residente
portal-household-heading = Domicílio
portal-cards-heading = Cartão My Number
portal-cards-none = Você não tem Cartão My Number.
portal-card-status = Situação
portal-card-active = Em uso
portal-card-produced = Pronto para retirada
portal-card-suspended = Suspenso
portal-card-ended = Fora de uso
portal-certificates-heading = Certificados eletrônicos
portal-certificates-none = Você não tem certificados eletrônicos.
portal-certificate-signature = Certificado de assinatura
portal-certificate-authentication = Certificado de autenticação do usuário
portal-certificate-good = Válido
portal-certificate-held = Retido temporariamente
portal-certificate-revoked = Revogado
portal-valid-until = Válido até
portal-exchanges-lead = Estes são os registros de órgãos públicos trocando as suas informações pela rede de fornecimento de informações (o sistema pelo qual os órgãos fornecem informações uns aos outros). Eles consultaram com um código próprio de cada órgão, não com o seu Número Individual.
portal-exchanges-none = Não há trocas registradas.
portal-exchanges-hidden = { $count ->
    [one] Há também 1 registro que o órgão fornecedor marcou como não divulgável. O conteúdo dele não é exibido.
   *[other] Há também { $count } registros que o órgão fornecedor marcou como não divulgáveis. O conteúdo deles não é exibido.
}
portal-col-when = Quando
portal-col-requester = Órgão que consultou
portal-col-provider = Órgão que forneceu
portal-col-procedure = Procedimento
portal-col-item = Informação
portal-col-outcome = Resultado
portal-outcome-provided = Fornecida
portal-outcome-not-found = Não havia essa informação
portal-item-resident-household = Informações do registro de residente (domicílio)
portal-item-local-tax = Informações de impostos locais
portal-item-child-allowance = Informações do auxílio infantil
portal-procedure-child-allowance = Pagamento do auxílio infantil
portal-procedure-national-health-insurance = Contribuições do Seguro Nacional de Saúde
portal-procedure-school-expense-aid = Auxílio para despesas escolares
portal-procedure-national-pension = Isenção das contribuições da Pensão Nacional
portal-procedure-self-disclosure = Informações fornecidas a você
portal-access-lead = Estes são os registros de funcionários e órgãos que trataram o seu registro, o seu Número Individual e o seu cartão. Eles ficam guardados em um livro de registros que não pode ser reescrito depois.
portal-access-none = Não há registros.
portal-col-who = Quem
portal-col-action = O quê
portal-col-purpose = Finalidade
portal-col-where = Registrado por
portal-who-staff = Funcionário
portal-who-agency = Órgão público
portal-who-relying-party = Empresa
portal-who-resident = Você
portal-who-kiosk = Terminal de loja de conveniência
portal-who-system = O sistema
portal-action-number-read = Viu o seu Número Individual
portal-action-number-lookup = Buscou o seu registro pelo seu Número Individual
portal-action-record-read = Viu o seu registro de residente
portal-action-agency-code-issued = Emitiu a um órgão um código para você
portal-action-card-login-authenticated = Você entrou com o seu cartão
portal-action-access-history-read = Você viu os seus registros de acesso
portal-action-exchange-history-read = Você viu as suas trocas de informações
portal-action-access-history-receipt = Você recebeu um comprovante dos seus registros de acesso
portal-action-portal-signed-in = Você entrou em Suas informações
portal-action-own-record-read = Você viu Suas informações
portal-action-portal-card-authenticated = O seu cartão foi conferido para entrar em Suas informações
portal-action-portal-signed-out = Você saiu de Suas informações
portal-action-card-applied = Recebeu a sua solicitação de cartão
portal-action-card-produced = Produziu o seu cartão
portal-action-card-handed-over = Entregou o seu cartão a você
portal-action-certificate-issued = Emitiu um certificado eletrônico
portal-action-import = Cadastrou o seu registro de residente
portal-action-other = Outro processamento ({ $code })
portal-receipt-heading = Comprovante destes registros
portal-receipt-text = Você pode receber estes registros como um comprovante assinado com a chave do livro de registros deste sistema. Guarde-o, e mais tarde poderá verificar que os registros não foram reescritos.
portal-receipt-download = Baixar o comprovante
portal-check-heading = Verificar um comprovante guardado
portal-check-text = Escolha o arquivo de um comprovante que você recebeu antes: a assinatura é verificada, e também se os registros continuam iguais.
portal-check-file = Arquivo do comprovante
portal-check-button = Verificar
portal-check-intact = Este comprovante é autêntico, e todos os { $count } registros nele continuam iguais.
portal-check-altered = Este comprovante é autêntico, mas { $count } dos pontos que ele indica estão diferentes agora. Entre em contato com a prefeitura.
portal-check-invalid = Este arquivo não pode ser verificado como um comprovante emitido por este sistema.
portal-suspend-heading = Se perder o cartão
portal-suspend-text = Se perder o cartão, você pode suspendê-lo aqui imediatamente (a qualquer hora). Os certificados eletrônicos dele também deixam de funcionar. Se encontrar o cartão, peça o cancelamento da suspensão no balcão da prefeitura.
portal-suspend-button = Suspender o meu cartão
portal-suspend-done = O seu cartão está suspenso, e os certificados eletrônicos dele não funcionam mais. Se encontrar o cartão, a suspensão pode ser cancelada no balcão da prefeitura.
portal-nav-data = Informações dos órgãos públicos
portal-data-lead = As informações que os órgãos públicos têm sobre você, obtidas pela rede de fornecimento de informações e mostradas aqui. Cada consulta fica registrada nas suas trocas de informações.
portal-data-none = Não há informações para obter.
portal-data-from = Órgão que forneceu
portal-field-relationship = Relação com o chefe do domicílio
portal-field-head-name = Nome do chefe do domicílio
portal-field-household-size = Número de membros do domicílio
portal-field-resident-since = Tornou-se residente em
portal-field-fiscal-year = Ano fiscal
portal-field-total-income = Renda total (ienes)
portal-field-taxable-income = Renda tributável (ienes)
portal-field-income-levy = Parcela do imposto local baseada na renda (ienes)
portal-field-per-capita-levy = Parcela do imposto local igual para cada pessoa (ienes)
portal-field-dependants = Número de dependentes
portal-field-non-taxable = Não tributável
portal-field-status = Situação do pagamento
portal-field-children = Número de crianças beneficiadas
portal-field-monthly-amount = Valor mensal (ienes)
portal-field-since = Pago desde
portal-value-yes = Sim
portal-value-no = Não
portal-value-paying = Sendo pago
portal-value-suspended = Suspenso
portal-value-ended = Encerrado
portal-nav-notices = Avisos
portal-notices-none = Você não tem avisos.
portal-notices-unread = { $count ->
    [one] Você tem 1 aviso não lido.
   *[other] Você tem { $count } avisos não lidos.
}
portal-notice-unread = Não lido
portal-notice-card-expiry = O seu Cartão My Number vence em breve
portal-notice-card-expiry-text = O seu Cartão My Number vence em { $date }. Você já pode renová-lo: faça isso no balcão da prefeitura.
portal-notice-certificate-expiry = O seu certificado eletrônico vence em breve
portal-notice-certificate-expiry-text = O seu certificado eletrônico vence em { $date }. Você já pode renová-lo: faça isso no balcão da prefeitura.
portal-nav-consents = Consentimentos
portal-consents-lead = Ao entrar com o cartão My Number, você concordou que estas empresas recebam seu nome, endereço, data de nascimento e sexo mais recentes sempre que mudarem (por um ano a partir do seu consentimento). Você pode retirar o consentimento a qualquer momento.
portal-consents-none = Você não concordou que nenhuma empresa receba suas informações mais recentes.
portal-consent-to = Empresa
portal-consent-withdraw = Retirar consentimento
portal-consent-withdrawn = Seu consentimento foi retirado. Esta empresa não receberá mais suas informações mais recentes.
login-item-self-resident-household = Suas informações do registro de residente (domicílio) mantidas pelos órgãos públicos, obtidas pelo aplicativo (até você retirar, por no máximo 90 dias)
login-item-self-local-tax = Suas informações de impostos locais (renda tributável, valor do imposto) mantidas pelos órgãos públicos, obtidas pelo aplicativo (até você retirar, por no máximo 90 dias)
login-item-self-child-allowance = Suas informações do auxílio infantil mantidas pelos órgãos públicos, obtidas pelo aplicativo (até você retirar, por no máximo 90 dias)
login-self-legend = O que { $client } pode obter
login-self-hint = Desmarque as informações que você não quer fornecer. Você pode retirar o consentimento a qualquer momento na página Consentimentos de Suas informações.
portal-letters-heading = Idioma das suas cartas
portal-letters-label = Idioma das cartas
portal-letters-hint = O idioma impresso ao lado do japonês nas cartas que a prefeitura envia para você.
portal-letters-button = Mudar o idioma
portal-letters-set = O idioma das suas cartas foi salvo. As próximas cartas também virão escritas nele.
portal-apps-heading = Aplicativos que podem obter suas informações
portal-apps-lead = Estes são os aplicativos que você autorizou, ao entrar com o seu cartão, a obter as informações que os órgãos públicos têm sobre você (a self-information API). Eles obtêm só o que você autorizou, até a data indicada. Você pode retirar a autorização a qualquer momento.
portal-apps-none = Você não autorizou nenhum aplicativo a obter suas informações.
portal-app = Aplicativo
portal-app-items = Informações que pode obter
portal-action-language-change = Mudou o idioma das suas cartas
portal-action-app-granted = Você autorizou um aplicativo a obter suas informações
portal-action-self-information-read = Um aplicativo obteve suas informações
portal-action-app-grant-withdrawn = Você retirou a autorização de um aplicativo para obter suas informações
portal-action-app-grants-ended = As autorizações de aplicativos para obter suas informações terminaram com o seu cartão
