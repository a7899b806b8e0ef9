# नेपाली (Nepali).

## Catalog metadata
meta-language-name = नेपाली
meta-script = deva

## Shared values
date = {$year} साल {$month} महिना {$day} गते
date-era = {$era ->
    [1] मेइजी
    [2] ताइशो
    [3] शोवा
    [4] हेइसेइ
   *[5] रेइवा
} {$year} ({$gyear}) साल {$month} महिना {$day} गते
sex-male = पुरुष
sex-female = महिला
relationship-head = घरमुली
relationship-spouse = पति वा पत्नी
relationship-child = छोरा वा छोरी
relationship-child-in-law = बुहारी वा ज्वाइँ
relationship-parent = बुबा वा आमा
relationship-grandparent = हजुरबुबा वा हजुरआमा
relationship-grandchild = नाति वा नातिनी
relationship-sibling = दाजुभाइ वा दिदीबहिनी
relationship-other-relative = अन्य नातेदार
relationship-cohabitant = सँगै बस्ने व्यक्ति (नातेदार होइन)

## Field labels
field-name = नाम
field-name-kana = नाम (काताकानामा)
field-alias = दर्ता गरिएको उपनाम
field-birth-date = जन्म मिति
field-sex = लिङ्ग
field-address = ठेगाना
field-previous-address = पहिलेको ठेगाना
field-relationship = घरमुलीसँगको नाता
field-householder = घरमुली
field-individual-number = व्यक्तिगत नम्बर
field-resident-code = बासिन्दा अभिलेख कोड
field-nationality = राष्ट्रियता वा क्षेत्र
field-status-of-residence = बसोबास अनुमतिको प्रकार
field-period-of-stay = बसाइ अवधि सकिने मिति
field-became-resident = बासिन्दा भएको मिति
field-issuer = जारी गर्ने नगरपालिका
field-issue-date = जारी मिति
field-application-id = आवेदन फारम ID

## Individual Number notification
notice-title = व्यक्तिगत नम्बरको सूचना
notice-intro = यो पत्रले तपाईंको व्यक्तिगत नम्बर (माइ नम्बर) जानकारी गराउँछ। यो नम्बर तपाईंले जीवनभर प्रयोग गर्नुहुनेछ।
notice-not-proof = यो पत्रले तपाईं को हो भनेर प्रमाणित गर्दैन, र तपाईंको व्यक्तिगत नम्बर पनि प्रमाणित गर्दैन। यसलाई परिचयपत्र वा नम्बरको प्रमाणको रूपमा प्रयोग गर्न सकिँदैन, र व्यवसायहरूले यसलाई स्वीकार गर्नु हुँदैन।
notice-keep = यो पत्र फेरि जारी गरिँदैन, त्यसैले सुरक्षित राख्नुहोस्। हराएमा, नम्बर लेखिएको बासिन्दा अभिलेखको प्रतिलिपि वा माइ नम्बर कार्डबाट आफ्नो नम्बर थाहा पाउन सक्नुहुन्छ।
notice-apply-heading = माइ नम्बर कार्डको लागि कसरी आवेदन दिने
notice-apply-mail = हुलाकबाट: साथमा आएको आवेदन फारममा आफ्नो अनुहारको फोटो टाँस्नुहोस्, हस्ताक्षर गर्नुहोस्, र फिर्ता खाममा पठाउनुहोस्।
notice-apply-online = अनलाइन: आवेदन फारमको QR कोड स्मार्टफोनले स्क्यान गर्नुहोस्, वा आवेदन वेबसाइटमा २३ अङ्कको आवेदन ID हाल्नुहोस्, र अनुहारको फोटो अपलोड गर्नुहोस्।
notice-apply-counter = काउन्टरमा: यो पत्र र आवेदन फारम लिएर आफ्नो नगरपालिकाको कार्यालयमा आउनुहोस्।
notice-apply-free = पहिलो कार्ड निःशुल्क हो। कार्ड कहिले र कहाँ लिने भन्ने कुरा पछि जानकारी गराइनेछ।

## Card application form
form-title = माइ नम्बर कार्ड आवेदन फारम
form-photo = फोटो (उचाइ ४.५ से.मि. × चौडाइ ३.५ से.मि.)
form-photo-rules = पछिल्लो ६ महिनाभित्र खिचिएको, अगाडि हेरेको, टोपी नलगाएको, सादा पृष्ठभूमिको फोटो टाँस्नुहोस्। फोटोको पछाडि आफ्नो नाम र जन्म मिति लेख्नुहोस्।
form-signature = आवेदकको हस्ताक्षर
form-application-date = आवेदन मिति
form-online = अनलाइन आवेदन दिन स्मार्टफोनले स्क्यान गर्नुहोस्
form-moved = तपाईंको नाम वा ठेगाना परिवर्तन भएमा यो फारम प्रयोग गर्न सकिँदैन। नगरपालिकाबाट नयाँ फारम लिनुहोस्।

## कार्ड बुझ्ने सूचना
issue-title = माइ नम्बर कार्ड बुझ्ने सूचना
issue-intro = तपाईंको माइ नम्बर कार्ड तयार भयो। तलको मितिभित्र आफैँ काउन्टरमा आएर कार्ड बुझ्नुहोस्।
field-pick-up-by = बुझ्ने अन्तिम मिति
field-pick-up-place = बुझ्ने ठाउँ
field-card-expiry = कार्डको म्याद
field-card-serial = कार्ड नम्बर
issue-counter = तपाईंको नगरपालिकाको कार्यालयको काउन्टर
issue-bring-heading = लिएर आउनुपर्ने कुराहरू
issue-bring-notice = यो सूचना
issue-bring-identity = परिचयको प्रमाण: फोटो भएको एउटा कागजात (सवारी चालक अनुमतिपत्र, राहदानी, रेसिडेन्स कार्ड आदि), वा फोटो नभएका दुईवटा कागजात (स्वास्थ्य बीमाको योग्यता प्रमाणपत्र, पेन्सन पुस्तिका, विद्यार्थी परिचयपत्र, कर्मचारी परिचयपत्र आदि)
issue-bring-old-card = भएमा: सूचना कार्ड, आधारभूत बासिन्दा दर्ता कार्ड, वा अहिले प्रयोग गरिरहेको माइ नम्बर कार्ड
issue-pins-heading = आउनुअघि आफ्नो PIN निर्णय गर्नुहोस्
issue-pin-signature = डिजिटल हस्ताक्षर प्रमाणपत्रको पासवर्ड: अङ्ग्रेजी अक्षर (A–Z) र अङ्क (0–9) मिलाएर ६ देखि १६ वर्ण, कम्तीमा एउटा अक्षर र एउटा अङ्क सहित। लगातार ५ पटक गलत भएमा लक हुन्छ।
issue-pin-four = प्रयोगकर्ता प्रमाणीकरण प्रमाणपत्र, आधारभूत बासिन्दा दर्ता र कार्ड विवरण प्रविष्टि सहायताका PIN: प्रत्येक ४ अङ्कको। तीनवटै एउटै हुन सक्छन्। लगातार ३ पटक गलत भएमा लक हुन्छ।
issue-no-pins = अनुहार पहिचान गर्ने माइ नम्बर कार्डमा PIN हुँदैन।
issue-proxy = बिरामी आदि कारणले आफैँ आउन नसक्ने भएमा, बुझ्ने मितिअघि नगरपालिकासँग सम्पर्क गर्नुहोस्।

## कार्डको म्याद सूचना
renewal-title = माइ नम्बर कार्डको म्याद सकिने सूचना
renewal-intro = तपाईंको माइ नम्बर कार्डको म्याद चाँडै सकिँदैछ।
field-renewal-from = नवीकरणको लागि आवेदन दिन सकिने मिति
renewal-how = म्याद सकिनुभन्दा ३ महिना अघिदेखि नवीकरणको लागि आवेदन दिन सकिन्छ। साथमा आएको आवेदन फारम प्रयोग गरेर हुलाक, अनलाइन, फोटो बुथ वा काउन्टरबाट आवेदन दिनुहोस्। नवीकरण निःशुल्क हो।
renewal-return = नयाँ कार्ड बुझ्दा अहिलेको कार्ड फिर्ता गर्नुहोस्। म्याद सकिएपछि कार्ड र यसका विद्युतीय प्रमाणपत्र प्रयोग गर्न सकिँदैन।
cert-renewal-title = विद्युतीय प्रमाणपत्रको म्याद सकिने सूचना
cert-renewal-intro = तपाईंको माइ नम्बर कार्डमा रहेका विद्युतीय प्रमाणपत्रहरूको म्याद चाँडै सकिँदैछ। कार्ड आफैंको म्याद अझै बाँकी छ।
field-signature-certificate-expiry = हस्ताक्षर प्रमाणपत्रको म्याद
field-authentication-certificate-expiry = प्रयोगकर्ता प्रमाणीकरण प्रमाणपत्रको म्याद
cert-renewal-how = म्याद सकिनुभन्दा ३ महिना अघिदेखि तपाईं बस्ने नगरपालिकाको काउन्टरमा प्रमाणपत्र नवीकरण गर्न सकिन्छ। माइ नम्बर कार्ड र परिचय कागजात लिएर आउनुहोस्। काउन्टरमा तपाईंले आफ्नो पिन प्रविष्ट गर्नुहुनेछ। नवीकरण निःशुल्क हो।
cert-renewal-lapse = म्याद सकिएपछि अनलाइन प्रक्रिया वा कन्भिनियन्स स्टोरबाट प्रमाणपत्र लिन प्रमाणपत्रहरू प्रयोग गर्न सकिँदैन। कार्ड भने यसको आफ्नै म्यादसम्म परिचय प्रमाणको रूपमा मान्य रहन्छ।

## Copy of resident record / certificate of recorded matters
record-title-copy = बासिन्दा अभिलेखको प्रतिलिपि
record-title-matters = बासिन्दा अभिलेखमा लेखिएका विवरणको प्रमाणपत्र
record-certify-copy = यो प्रतिलिपि बासिन्दा अभिलेखको सक्कलसँग मिल्छ भनी प्रमाणित गरिन्छ।
record-certify-matters = माथिका विवरणहरू बासिन्दा अभिलेखमा लेखिएका छन् भनी प्रमाणित गरिन्छ।
record-members = घरपरिवारका सदस्यहरू
record-omitted = माग नगरिएका विवरणहरू हटाइएका छन्।
record-removed = यो बासिन्दा अभिलेख हटाइएको छ (पुरानो अभिलेखको रूपमा राखिएको)।
record-verification-code = प्रमाणीकरण कोड
record-verify-how = यो प्रमाणपत्र परिवर्तन नगरिएको पुष्टि गर्न QR कोड स्क्यान गर्नुहोस् वा {$url} मा प्रमाणीकरण कोड हाल्नुहोस्।

## Verification page
verify-title = प्रमाणपत्र जाँच
verify-genuine = यो प्रमाणपत्र प्रणालीले जारी गरेको हो। यसको विवरण तल छ।
verify-unknown = यो प्रमाणीकरण कोडको कुनै प्रमाणपत्र छैन। कागजात नक्कली हुन सक्छ।
verify-file-genuine = यो फाइल जारी गर्दाकै अवस्थामा छ र परिवर्तन गरिएको छैन।
verify-file-altered = यो फाइल जारी भएपछि परिवर्तन गरिएको छ, वा यो प्रणालीले जारी गरेको होइन।

## सार्वजनिक पृष्ठहरू (गृहपृष्ठ र प्रमाणपत्र जाँच)
public-site-name = माई नम्बर (व्यक्तिगत नम्बर)
public-skip = मुख्य सामग्रीमा जानुहोस्
public-language = भाषा
public-not-official = यो साइटले माई नम्बर प्रणालीको खुला स्रोत कार्यान्वयन चलाउँछ। यो सरकार वा नगरपालिकाको आधिकारिक साइट होइन।
public-home-link = गृहपृष्ठ
public-contents = यस पृष्ठमा
public-home-title = माई नम्बर के हो?
public-home-lead = माई नम्बर जापानमा बासिन्दा अभिलेख (जुमिनह्यो) भएका प्रत्येक व्यक्तिलाई दिइने १२ अङ्कको नम्बर हो, एक जनालाई एउटा। बासिन्दा अभिलेख भएका विदेशी बासिन्दाहरूको पनि हुन्छ। यो सामाजिक सुरक्षा, कर र विपद् प्रतिकार्य जस्ता प्रशासनिक प्रक्रियामा प्रयोग हुन्छ।
public-notice-title = सूचना पत्र आएपछि
public-notice-text = तपाईंको नम्बर तोकिएपछि हुलाकबाट "व्यक्तिगत नम्बर सूचना पत्र" आउँछ। यसले तपाईंको नम्बर जानकारी दिन्छ; यो नम्बर वा पहिचानको प्रमाण होइन। यसलाई सुरक्षित राख्नुहोस्। यससँगै माई नम्बर कार्डको आवेदन फारम आउँछ।
public-card-title = माई नम्बर कार्ड
public-card-text = तपाईंको फोटो भएको कार्ड, जुन पहिचानको प्रमाणका रूपमा प्रयोग गर्न सकिन्छ। यसका विद्युतीय प्रमाणपत्रहरूबाट अनलाइन प्रक्रिया गर्न सकिन्छ। पहिलो कार्ड निःशुल्क हुन्छ।
public-apply-title = कार्डका लागि कसरी आवेदन दिने
public-apply-text = आवेदन फारम प्रयोग गरी हुलाक, कम्प्युटर, स्मार्टफोन वा सहरको फोटो बुथबाट आवेदन दिन सकिन्छ। करिब एक महिनापछि कार्ड लिन आउने सूचना आउँछ। त्यो सूचना र पहिचान कागजात लिएर नगरपालिकाको काउन्टरमा गई कार्ड लिनुहोस्। पिन नम्बर कार्ड लिँदा सेट गरिन्छ।
public-lost-title = कार्ड हराएमा
public-lost-text = तुरुन्तै फोन गरी कार्ड निलम्बन गराउनुहोस्। निलम्बन दिनको २४ घण्टा, वर्षको ३६५ दिन स्वीकार गरिन्छ।
public-lost-phone = माई नम्बर निःशुल्क फोन: 0120-95-0178 (आवाज मेनुको २ नम्बर)
public-lost-phone-foreign = अङ्ग्रेजी, चिनियाँ, कोरियाली, स्पेनिस वा पोर्चुगिजमा: 0120-0178-27
public-lost-next = घरबाहिर हराएको भए प्रहरीलाई पनि खबर गर्नुहोस् र दर्ता नम्बर राख्नुहोस्। कार्ड भेटिएमा नगरपालिकाको काउन्टरमा निलम्बन हटाइन्छ (फोनबाट हुँदैन)। नभेटिएमा काउन्टरमा सूचना दिई नयाँ कार्डका लागि आवेदन दिनुहोस् (शुल्क {$fee} येन)।
public-verify-title = प्रमाणपत्र जाँच्नुहोस्
public-verify-text = नगरपालिकाले जारी गरेको बासिन्दा अभिलेखको प्रतिलिपि वा अन्य प्रमाणपत्रमा छापिएको प्रमाणीकरण कोडबाट त्यो वास्तविक हो कि होइन जाँच्न सकिन्छ।
public-verify-link = प्रमाणीकरण कोड हाल्नुहोस्
public-verify-lead = कागजातमा छापिएको १६ अक्षरको प्रमाणीकरण कोड हाल्नुहोस्।
public-verify-hint = उदाहरण: K7QM-2XRT-9B4D-HW3P
public-verify-button = जाँच्नुहोस्
public-staff-title = कर्मचारीका लागि
public-staff-desk = काउन्टर स्क्रिन (कर्मचारी साइन इन)
public-staff-api = API सन्दर्भ
dev-title = सेवाहरूका लागि: माई नम्बर कार्डबाट लग इन, र हस्ताक्षर
dev-lead = यो प्रणाली OpenID Connect प्रदायक हो। प्रशासकले दर्ता गरेको सेवाले बासिन्दालाई माई नम्बर कार्डबाट लग इन गराउन र कागजातमा हस्ताक्षर गराउन सक्छ। व्यक्तिगत नम्बर लग इन वा हस्ताक्षरमा प्रयोग हुँदैन।
dev-register-title = दर्ता
dev-register-text = प्रशासकले तपाईंको संस्थाको कर्पोरेट नम्बर र भूमिका, सार्वजनिक कुञ्जी (P-256) र रिडाइरेक्सन URI दर्ता गर्छ। client_id तपाईंको संस्थाको id हो। क्लाइन्ट प्रमाणीकरण private_key_jwt (ES256) मात्र हो: साझा गोप्य छैन।
dev-endpoints-title = यस प्रणालीका endpoint हरू
dev-example-title = चल्ने उदाहरण
dev-example-text = यो Python कार्यक्रम (Authlib) ले PKCE र nonce सहित बासिन्दालाई लग इन गराउँछ, JWKS ले ID टोकन जाँच्छ र सहमति दिइएका विवरण पढ्छ। client id, कुञ्जी फाइल र रिडाइरेक्सन URI बदल्नुहोस्।
dev-sign-title = हस्ताक्षर
dev-sign-text = हस्ताक्षर प्रमाणकर्ताको रूपमा दर्ता संस्थाले आफ्नो टोकन र कागजातको SHA-256 सहित sign-transaction सुरु गर्छ, अनि scope openid sign र sign_transaction_id सहित बासिन्दालाई लग इनमा पठाउँछ। त्यसपछि परिणाम आफ्नै कुञ्जीका लागि इन्क्रिप्ट गरिएको JWE को रूपमा लिन्छ।
dev-home-link = सेवाहरूका लागि (कार्डबाट लग इन, र हस्ताक्षर)

## API errors (the public API answers in its reader's language; staff's are in locales/desk/)
api-error-body-too-large = पठाइएको सामग्री धेरै ठूलो छ।
api-error-conflict = यही समयमा अर्को प्रक्रियाले यसलाई परिवर्तन गर्‍यो। फेरि प्रयास गर्नुहोस्।
api-error-document-not-genuine = यो कागजात जारी गर्दा जस्तो थियो त्यस्तो छैन।
api-error-forbidden = तपाईंको भूमिका वा नगरपालिकाले यो अनुमति दिँदैन।
api-error-import-changed = आयात भइरहेको फाइल पछिल्लो पटकभन्दा फरक छ। सुरुदेखि फेरि आयात गर्नुहोस्।
api-error-imported-before = यो फाइल पहिले नै आयात भइसकेको छ।
api-error-internal-error = केही गडबड भयो। पछि फेरि प्रयास गर्नुहोस्; समस्या रेकर्ड गरिएको छ।
api-error-invalid-body = पठाइएका क्षेत्र वा प्रकार मिलेनन्।
api-error-invalid-input = केही विवरण मिलेन: हरेक क्षेत्रको सन्देश हेर्नुहोस्।
api-error-malformed-body = पठाइएको सामग्री पढ्न सकिएन (JSON जाँच गर्नुहोस्)।
api-error-method-not-allowed = यो मार्गले यो विधि स्वीकार गर्दैन।
api-error-not-found = यहाँ केही भेटिएन।
api-error-not-verified = प्रमाणित गर्न सकिएन (हस्ताक्षर वा प्रमाणपत्र मान्य छैन)।
api-error-number-not-current = यो व्यक्तिगत नम्बर हालको होइन (परिवर्तन भइसकेको छ)।
api-error-procedure-refused = अभिलेखको हालको अवस्थामा यो प्रक्रिया गर्न सकिँदैन।
api-error-render-failed = कागजात बनाउन सकिएन; समस्या रेकर्ड गरिएको छ।
api-error-too-many-failures = धेरै पटक प्रमाणीकरण असफल भयो। केही समय पर्खेर फेरि प्रयास गर्नुहोस्।
api-error-unauthenticated = मान्य टोकन आवश्यक छ।
api-error-unavailable = अहिले उपलब्ध छैन। केही समय पर्खेर फेरि प्रयास गर्नुहोस्।
api-error-unsupported-media-type = पठाउने सामग्रीको प्रकार (Content-Type) जाँच गर्नुहोस्।
api-error-wrong-pin = PIN मिलेन: बाँकी प्रयास हेर्नुहोस्।
problem-verification-code-16-letters = प्रमाणीकरण कोडमा १६ वटा अक्षर र अङ्क हुन्छन्, जस्तै K7QM-2XRT-9B4D-HW3P।

# Log-in with the card (issue 12, docs/design/oidc.md).
login-title = माइ नम्बर कार्डबाट लग इन गर्नुहोस्
login-asks = { $client } ले तपाईं नै हो भनी पुष्टि गर्न अनुरोध गरेको छ।
login-items-heading = माग गरिएको जानकारी
login-no-items = तपाईं नै हो भन्ने पुष्टि मात्र। अरू कुनै जानकारी पठाइँदैन।
login-item-openid = तपाईं नै हो भन्ने पुष्टि
login-item-name = नाम
login-item-address = ठेगाना
login-item-birthdate = जन्म मिति
login-item-gender = लिङ्ग
login-item-sign = कार्डबाट हस्ताक्षर (हरेक पटक फेरि सोधिन्छ)
login-item-latest-four = परिवर्तनपछि तपाईंको नयाँ नाम, ठेगाना, जन्ममिति र लिङ्ग यो संस्थालाई दिइने (एक वर्षसम्म)
login-card-heading = कार्डबाट पुष्टि गर्नुहोस्
login-card-text = प्रमाणीकरण एप खोल्नुहोस्, कार्ड पढ्न दिनुहोस्, र प्रयोगकर्ता प्रमाणीकरण प्रमाणपत्रको ४ अङ्कको PIN हाल्नुहोस्। एपमा यो पुष्टि नम्बर देखिएको जाँच गर्नुहोस्:
login-confirmation = पुष्टि नम्बर
login-app-command = कम्प्युटरको mynumber एपमा तलको आदेश चलाउनुहोस्। अर्को उपकरणको एपमा QR कोड स्क्यान गर्नुहोस्।
login-qr-label = प्रमाणीकरण एपका लागि QR कोड
login-waiting = कार्डको पुष्टि पर्खिँदै। एपले सकियो भनेपछि “जारी राख्नुहोस्” छान्नुहोस्।
login-continue = जारी राख्नुहोस्
login-consent-heading = तपाईंको जानकारी पठाउने हो?
login-consent-text = कार्डले तपाईं नै हो भनी पुष्टि गर्‍यो। तपाईं सहमत हुनुभए { $client } ले माथिको जानकारी पाउँछ।
login-agree = सहमत भई जारी राख्नुहोस्
login-decline = नपठाउनुहोस्
login-finished = यो लग इन सकियो। तपाईं यो पृष्ठ बन्द गर्न सक्नुहुन्छ।
login-expired = यो लग इनको समय सकियो। सेवामा फर्केर फेरि सुरु गर्नुहोस्।
login-other-browser = यो लग इन अर्को ब्राउजरमा सुरु गरिएको थियो। त्यही ब्राउजरमा जारी राख्नुहोस्।
login-not-found = यो लग इन भेटिएन। सेवामा फर्केर फेरि सुरु गर्नुहोस्।
login-bad-request = सेवाको अनुरोधमा त्रुटि भएकाले लग इन सुरु गर्न सकिँदैन। सेवामा फर्कनुहोस्।
login-bad-client = यो सेवा दर्ता गरिएको छैन, वा फर्कने ठेगाना दर्तासँग मेल खाँदैन, त्यसैले लग इन सुरु गर्न सकिँदैन।
login-failed = लग इन प्रक्रिया गर्न सकिएन। कृपया पछि फेरि प्रयास गर्नुहोस्।
login-logged-out = तपाईं लग आउट हुनुभयो। यो प्रणालीले हरेक लग इनमा कार्ड जाँच्छ, त्यसैले कुनै लग इन खुला रहँदैन।

## Prints on plain paper: the seal certificate, the back (scramble image) and its inquiry page
seal-certificate-title = छाप दर्ता प्रमाणपत्र
seal-certificate-certify = माथिको छाप दर्ता गरिएको छापसँग मेल खान्छ भनी प्रमाणित गरिन्छ।
field-seal-impression = छापको छाप
back-heading = पछाडि: अगाडिको विषयवस्तु इन्क्रिप्ट गरिएको चित्र
back-how = यो पाटो स्क्यान गरी {$url} मा पठाउनुहोस्; जारी गर्दाको अगाडिको विषयवस्तु देखिन्छ। हातमा भएको अगाडिसँग दाँजेर परिवर्तन नभएको जाँच गर्नुहोस्।
public-back-title = पछाडिको चित्रले जाँच्नुहोस्
public-back-lead = सुविधा पसलमा छापिएको प्रमाणपत्रको पछाडिको स्क्यान पठाउनुहोस्; जारी गर्दाको अगाडिको विषयवस्तु देखिन्छ। हातमा भएको अगाडिसँग अक्षर-अक्षर दाँज्नुहोस्।
public-back-file = पछाडिको स्क्यान
public-back-hint = PNG, JPEG वा PDF। पूरै पछाडि ३०० dpi वा बढीमा स्क्यान गर्नुहोस्।
public-back-submit = पढ्नुहोस्
public-back-genuine = यो पछाडि यही प्रणालीले जारी गरेको हो। जारी गर्दाको अगाडिको विषयवस्तु यस्तो छ।
public-back-withheld = छापिएको छ (यो पृष्ठमा देखाइँदैन)
public-back-person = उल्लेखित व्यक्ति
problem-back-format = PNG, JPEG वा PDF फाइल पठाउनुहोस्।
problem-back-too-large = फाइल धेरै ठूलो छ ({$max_mib} MiB र ४ करोड पिक्सेलसम्म)। ३००–६०० dpi मा स्क्यान गर्नुहोस्।
problem-back-no-image = यो PDF मा स्क्यान गरिएको चित्र छैन। स्क्यानरले बनाएको PDF वा चित्र फाइल पठाउनुहोस्।
problem-back-damaged = फाइल बिग्रिएको छ, चित्रको रूपमा पढ्न सकिँदैन।
problem-back-no-symbols = पछाडिको चित्र भेटिएन। पूरै पछाडि ३०० dpi वा बढीमा स्क्यान गर्नुहोस्।
problem-back-front-side = यो अगाडिको स्क्यान हो। पछाडि स्क्यान गर्नुहोस्।
problem-back-incomplete = पछाडिको केही भाग मात्र पढियो ({$count} मध्ये {$found} कोड)। पूरै पछाडि सफा र समतल राखी स्क्यान गर्नुहोस्।
problem-back-mixed = स्क्यानमा दुई वा बढी प्रमाणपत्रको पछाडि छ। एक-एक गरी स्क्यान गर्नुहोस्।
problem-back-tampered = यो पछाडि परिवर्तन गरिएको छ वा यो प्रणालीले जारी गरेको होइन।

## तपाईंको जानकारी (पोर्टल, issue 14, docs/design/portal.md)
portal-title = तपाईंको जानकारी
portal-lead = माइ नम्बर कार्डबाट लग इन गरेपछि तपाईं आफ्नो बासिन्दा अभिलेख, आफ्नो कार्ड र विद्युतीय प्रमाणपत्र, सरकारी निकायहरूले तपाईंको जानकारी आदानप्रदान गरेको रेकर्ड, र कर्मचारी तथा निकायहरूले तपाईंको अभिलेख प्रयोग गरेको रेकर्ड हेर्न सक्नुहुन्छ। लग इन गर्न व्यक्तिगत नम्बर प्रयोग गरिँदैन।
portal-login-button = माइ नम्बर कार्डबाट लग इन गर्नुहोस्
portal-login-asks = यो प्रणालीको "तपाईंको जानकारी" मा लग इन गर्न तपाईंको कार्डले तपाईं नै हो भनी पुष्टि गर्छ।
portal-logout = लग आउट
portal-logged-out = तपाईं लग आउट हुनुभयो।
portal-nav-label = तपाईंको जानकारीका पृष्ठहरू
portal-nav-info = मेरो जानकारी
portal-nav-exchanges = आदानप्रदानको इतिहास
portal-nav-access = पहुँच रेकर्ड
portal-session-ended = तपाईंको लग इनको समय सकियो। कृपया फेरि लग इन गर्नुहोस्।
portal-record-heading = बासिन्दा अभिलेख
portal-household-heading = घरपरिवार
portal-cards-heading = माइ नम्बर कार्ड
portal-cards-none = तपाईंसँग माइ नम्बर कार्ड छैन।
portal-card-status = अवस्था
portal-card-active = प्रयोगमा
portal-card-produced = बुझ्न बाँकी
portal-card-suspended = निलम्बित
portal-card-ended = प्रयोग सकिएको
portal-certificates-heading = विद्युतीय प्रमाणपत्र
portal-certificates-none = तपाईंसँग कुनै विद्युतीय प्रमाणपत्र छैन।
portal-certificate-signature = हस्ताक्षर प्रमाणपत्र
portal-certificate-authentication = प्रयोगकर्ता प्रमाणीकरण प्रमाणपत्र
portal-certificate-good = मान्य
portal-certificate-held = अस्थायी रूपमा रोकिएको
portal-certificate-revoked = रद्द गरिएको
portal-valid-until = म्याद सकिने मिति
portal-exchanges-lead = यी सरकारी निकायहरूले सूचना प्रदान गर्ने नेटवर्क प्रणाली (निकायहरूबीच जानकारी आदानप्रदान गर्ने प्रणाली) मार्फत तपाईंको जानकारी आदानप्रदान गरेका रेकर्ड हुन्। उनीहरूले तपाईंको व्यक्तिगत नम्बर होइन, प्रत्येक निकायका लागि छुट्टै कोड प्रयोग गरेर सोधेका थिए।
portal-exchanges-none = आदानप्रदानको कुनै रेकर्ड छैन।
portal-exchanges-hidden = यसबाहेक, जानकारी दिने निकायले खुलासा नगर्ने भनी चिन्ह लगाएका { $count } वटा रेकर्ड छन्। तिनको विवरण देखाइँदैन।
portal-col-when = मिति र समय
portal-col-requester = सोध्ने निकाय
portal-col-provider = जानकारी दिने निकाय
portal-col-procedure = प्रक्रिया
portal-col-item = जानकारी
portal-col-outcome = नतिजा
portal-outcome-provided = दिइयो
portal-outcome-not-found = त्यस्तो जानकारी थिएन
portal-item-resident-household = बासिन्दा अभिलेख सम्बन्धी जानकारी (घरपरिवार)
portal-item-local-tax = स्थानीय कर सम्बन्धी जानकारी
portal-item-child-allowance = बाल भत्ता सम्बन्धी जानकारी
portal-procedure-child-allowance = बाल भत्ता भुक्तानी
portal-procedure-national-health-insurance = राष्ट्रिय स्वास्थ्य बीमाको बीमा शुल्क
portal-procedure-school-expense-aid = विद्यालय खर्च सहायता
portal-procedure-national-pension = राष्ट्रिय पेन्सन शुल्कबाट छुट
portal-procedure-self-disclosure = तपाईंलाई दिइएको जानकारी
portal-access-lead = यी कर्मचारी र निकायहरूले तपाईंको अभिलेख, व्यक्तिगत नम्बर र कार्ड प्रयोग गरेका रेकर्ड हुन्। यी पछि परिवर्तन गर्न नसकिने खातामा राखिएका छन्।
portal-access-none = कुनै रेकर्ड छैन।
portal-col-who = को
portal-col-action = के
portal-col-purpose = उद्देश्य
portal-col-where = रेकर्ड गर्ने ठाउँ
portal-who-staff = कर्मचारी
portal-who-agency = सरकारी निकाय
portal-who-relying-party = व्यवसाय
portal-who-resident = तपाईं
portal-who-kiosk = सुविधा पसलको मेसिन
portal-who-system = प्रणाली
portal-action-number-read = तपाईंको व्यक्तिगत नम्बर हेरियो
portal-action-number-lookup = व्यक्तिगत नम्बरबाट तपाईंको अभिलेख खोजियो
portal-action-record-read = तपाईंको बासिन्दा अभिलेख हेरियो
portal-action-agency-code-issued = सरकारी निकायलाई तपाईंको लागि कोड जारी गरियो
portal-action-card-login-authenticated = तपाईंले कार्डबाट लग इन गर्नुभयो
portal-action-access-history-read = तपाईंले पहुँच रेकर्ड हेर्नुभयो
portal-action-exchange-history-read = तपाईंले आदानप्रदानको इतिहास हेर्नुभयो
portal-action-access-history-receipt = तपाईंले पहुँच रेकर्डको प्रमाण लिनुभयो
portal-action-portal-signed-in = तपाईंले "तपाईंको जानकारी" मा लग इन गर्नुभयो
portal-action-own-record-read = तपाईंले "तपाईंको जानकारी" हेर्नुभयो
portal-action-portal-card-authenticated = "तपाईंको जानकारी" मा लग इन गर्न तपाईंको कार्ड जाँचियो
portal-action-portal-signed-out = तपाईंले "तपाईंको जानकारी" बाट लग आउट गर्नुभयो
portal-action-card-applied = तपाईंको कार्डको आवेदन प्राप्त गरियो
portal-action-card-produced = तपाईंको कार्ड बनाइयो
portal-action-card-handed-over = तपाईंको कार्ड तपाईंलाई हस्तान्तरण गरियो
portal-action-certificate-issued = विद्युतीय प्रमाणपत्र जारी गरियो
portal-action-import = तपाईंको बासिन्दा अभिलेख दर्ता गरियो
portal-action-other = अन्य प्रक्रिया ({ $code })
portal-receipt-heading = यी रेकर्डको प्रमाण
portal-receipt-text = यी रेकर्डलाई यो प्रणालीको खाताको साँचोले हस्ताक्षर गरिएको प्रमाणका रूपमा लिन सक्नुहुन्छ। यसलाई राखिराख्नुभयो भने पछि रेकर्ड परिवर्तन नभएको जाँच्न सक्नुहुन्छ।
portal-receipt-download = प्रमाण डाउनलोड गर्नुहोस्
portal-check-heading = राखेको प्रमाण जाँच्नुहोस्
portal-check-text = पहिले लिएको प्रमाणको फाइल छान्नुहोस्: यसको हस्ताक्षर र रेकर्डहरू अझै उस्तै छन् कि छैनन् भनी जाँचिन्छ।
portal-check-file = प्रमाणको फाइल
portal-check-button = जाँच्नुहोस्
portal-check-intact = यो प्रमाण वास्तविक हो, र यसमा भएका सबै { $count } वटा रेकर्ड अझै उस्तै छन्।
portal-check-altered = यो प्रमाण वास्तविक हो, तर यसमा उल्लेख भएका मध्ये { $count } ठाउँ अहिले फरक छन्। कृपया आफ्नो नगरपालिकामा सम्पर्क गर्नुहोस्।
portal-check-invalid = यो फाइललाई यो प्रणालीले जारी गरेको प्रमाणका रूपमा जाँच्न सकिँदैन।
portal-suspend-heading = कार्ड हराएमा
portal-suspend-text = कार्ड हराएमा तपाईं यहाँबाट तुरुन्तै कार्ड निलम्बन गर्न सक्नुहुन्छ (जुनसुकै समयमा)। कार्डका विद्युतीय प्रमाणपत्रहरूले पनि काम गर्न छोड्छन्। कार्ड भेटिएमा नगरपालिकाको काउन्टरमा निलम्बन हटाउन लगाउनुहोस्।
portal-suspend-button = मेरो कार्ड निलम्बन गर्नुहोस्
portal-suspend-done = तपाईंको कार्ड निलम्बन गरियो, र यसका विद्युतीय प्रमाणपत्रहरूले पनि अब काम गर्दैनन्। कार्ड भेटिएमा नगरपालिकाको काउन्टरमा निलम्बन हटाउन सकिन्छ।
portal-nav-data = सरकारी निकायहरूको जानकारी
portal-data-lead = सरकारी निकायहरूसँग भएको तपाईंको जानकारी सूचना प्रदान गर्ने नेटवर्क प्रणाली मार्फत मगाएर यहाँ देखाइन्छ। हरेक पटक मगाएको कुरा आदानप्रदानको इतिहासमा रेकर्ड हुन्छ।
portal-data-none = मगाउन सकिने कुनै जानकारी छैन।
portal-data-from = जानकारी दिने निकाय
portal-field-relationship = घरमुलीसँगको नाता
portal-field-head-name = घरमुलीको नाम
portal-field-household-size = घरपरिवारका सदस्यहरूको संख्या
portal-field-resident-since = बासिन्दा भएको मिति
portal-field-fiscal-year = कर वर्ष
portal-field-total-income = कुल आय (येन)
portal-field-taxable-income = करयोग्य आय (येन)
portal-field-income-levy = स्थानीय करको आयमा आधारित भाग (येन)
portal-field-per-capita-levy = स्थानीय करको प्रतिव्यक्ति समान भाग (येन)
portal-field-dependants = आश्रितहरूको संख्या
portal-field-non-taxable = कर नलाग्ने
portal-field-status = भत्ताको अवस्था
portal-field-children = भत्ता पाउने बालबालिकाको संख्या
portal-field-monthly-amount = मासिक रकम (येन)
portal-field-since = भुक्तानी सुरु भएको मिति
portal-value-yes = हो
portal-value-no = होइन
portal-value-paying = भुक्तानी भइरहेको
portal-value-suspended = भुक्तानी रोकिएको
portal-value-ended = भुक्तानी समाप्त
