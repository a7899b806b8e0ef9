# नेपाली (Nepali).

## Catalog metadata
meta-language-name = नेपाली
meta-script = deva

## Shared values
date = {$year} साल {$month} महिना {$day} गते
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
