"""Data frozen for the migrations that first created it: never edit, never import live code here.

Migrations 0003 (countries and seed themes) and 0006/0007 (the Editors group) must do on a fresh
database tomorrow exactly what they did when they were written, whatever later happens to the
gazetteer (analysis/countries.py, analysis/country_data.py, pycountry), the seed themes
(analysis/themes.py) or the editors' permissions (articles/seeding.py). So what they need was
copied here on 2026-12-03 from those modules. A later change to reference data is a new migration
with data of its own. (The leading underscore keeps Django's migration loader from reading this
module as a migration.)
"""

# ISO 3166-1 countries as analysis.countries.country_table() gave them:
# (alpha-2 code, alpha-3 code, common name, official name, aliases).
COUNTRIES = (
    ('AF', 'AFG', 'Afghanistan', 'Islamic Republic of Afghanistan', ('Islamic Republic of Afghanistan', 'Afghan', 'Kabul')),
    ('AL', 'ALB', 'Albania', 'Republic of Albania', ('Republic of Albania', 'Albanian', 'Tirana')),
    ('DZ', 'DZA', 'Algeria', "People's Democratic Republic of Algeria", ("People's Democratic Republic of Algeria", 'Algerian', 'Algiers')),
    ('AS', 'ASM', 'American Samoa', 'American Samoa', ()),
    ('AD', 'AND', 'Andorra', 'Principality of Andorra', ('Principality of Andorra', 'Andorran', 'Andorra la Vella')),
    ('AO', 'AGO', 'Angola', 'Republic of Angola', ('Republic of Angola', 'Angolan', 'Luanda')),
    ('AI', 'AIA', 'Anguilla', 'Anguilla', ()),
    ('AQ', 'ATA', 'Antarctica', 'Antarctica', ()),
    ('AG', 'ATG', 'Antigua and Barbuda', 'Antigua and Barbuda', ('Antiguan',)),
    ('AR', 'ARG', 'Argentina', 'Argentine Republic', ('Argentine Republic', 'Argentine', 'Argentinian', 'Argentinean', 'Buenos Aires', 'Casa Rosada')),
    ('AM', 'ARM', 'Armenia', 'Republic of Armenia', ('Republic of Armenia', 'Armenian', 'Yerevan')),
    ('AW', 'ABW', 'Aruba', 'Aruba', ()),
    ('AU', 'AUS', 'Australia', 'Australia', ('Australian', 'Aussie', 'Canberra', 'New South Wales')),
    ('AT', 'AUT', 'Austria', 'Republic of Austria', ('Republic of Austria', 'Austrian', 'Vienna')),
    ('AZ', 'AZE', 'Azerbaijan', 'Republic of Azerbaijan', ('Republic of Azerbaijan', 'Azerbaijani', 'Azeri', 'Baku')),
    ('BS', 'BHS', 'Bahamas', 'Commonwealth of the Bahamas', ('Commonwealth of the Bahamas', 'Bahamian', 'the Bahamas', 'Nassau')),
    ('BH', 'BHR', 'Bahrain', 'Kingdom of Bahrain', ('Kingdom of Bahrain', 'Bahraini', 'Manama')),
    ('BD', 'BGD', 'Bangladesh', "People's Republic of Bangladesh", ("People's Republic of Bangladesh", 'Bangladeshi', 'Dhaka')),
    ('BB', 'BRB', 'Barbados', 'Barbados', ('Barbadian', 'Bajan', 'Bridgetown')),
    ('BY', 'BLR', 'Belarus', 'Republic of Belarus', ('Republic of Belarus', 'Belarusian', 'Belarussian', 'Belorussian', 'Byelorussia', 'Minsk')),
    ('BE', 'BEL', 'Belgium', 'Kingdom of Belgium', ('Kingdom of Belgium', 'Belgian')),
    ('BZ', 'BLZ', 'Belize', 'Belize', ('Belizean', 'Belmopan')),
    ('BJ', 'BEN', 'Benin', 'Republic of Benin', ('Republic of Benin', 'Beninese', 'Porto-Novo')),
    ('BM', 'BMU', 'Bermuda', 'Bermuda', ()),
    ('BT', 'BTN', 'Bhutan', 'Kingdom of Bhutan', ('Kingdom of Bhutan', 'Bhutanese', 'Thimphu')),
    ('BO', 'BOL', 'Bolivia', 'Plurinational State of Bolivia', ('Plurinational State of Bolivia', 'Bolivian', 'La Paz', 'Sucre')),
    ('BA', 'BIH', 'Bosnia and Herzegovina', 'Republic of Bosnia and Herzegovina', ('Republic of Bosnia and Herzegovina', 'Bosnia', 'Bosnian', 'Sarajevo', 'Republika Srpska')),
    ('BW', 'BWA', 'Botswana', 'Republic of Botswana', ('Republic of Botswana', 'Botswanan', 'Motswana', 'Batswana', 'Gaborone')),
    ('BV', 'BVT', 'Bouvet Island', 'Bouvet Island', ()),
    ('BR', 'BRA', 'Brazil', 'Federative Republic of Brazil', ('Federative Republic of Brazil', 'Brazilian', 'Brasília', 'Brasilia', 'Planalto')),
    ('IO', 'IOT', 'British Indian Ocean Territory', 'British Indian Ocean Territory', ()),
    ('VG', 'VGB', 'British Virgin Islands', 'British Virgin Islands', ()),
    ('BN', 'BRN', 'Brunei', 'Brunei Darussalam', ('Brunei Darussalam', 'Bruneian', 'Bandar Seri Begawan')),
    ('BG', 'BGR', 'Bulgaria', 'Republic of Bulgaria', ('Republic of Bulgaria', 'Bulgarian', 'Sofia')),
    ('BF', 'BFA', 'Burkina Faso', 'Burkina Faso', ('Burkinabe', 'Burkinabè', 'Ouagadougou')),
    ('BI', 'BDI', 'Burundi', 'Republic of Burundi', ('Republic of Burundi', 'Burundian', 'Gitega', 'Bujumbura')),
    ('KH', 'KHM', 'Cambodia', 'Kingdom of Cambodia', ('Kingdom of Cambodia', 'Cambodian', 'Khmer', 'Phnom Penh')),
    ('CM', 'CMR', 'Cameroon', 'Republic of Cameroon', ('Republic of Cameroon', 'Cameroonian', 'Yaoundé', 'Yaounde')),
    ('CA', 'CAN', 'Canada', 'Canada', ('Canadian', 'Ottawa')),
    ('CV', 'CPV', 'Cape Verde', 'Republic of Cabo Verde', ('Cabo Verde', 'Republic of Cabo Verde', 'Cape Verdean', 'Praia')),
    ('BQ', 'BES', 'Caribbean Netherlands', 'Bonaire, Sint Eustatius and Saba', ()),
    ('KY', 'CYM', 'Cayman Islands', 'Cayman Islands', ()),
    ('CF', 'CAF', 'Central African Republic', 'Central African Republic', ('CAR', 'Bangui')),
    ('TD', 'TCD', 'Chad', 'Republic of Chad', ('Republic of Chad', 'Chadian', "N'Djamena", 'Ndjamena')),
    ('CL', 'CHL', 'Chile', 'Republic of Chile', ('Republic of Chile', 'Chilean', 'Santiago')),
    ('CN', 'CHN', 'China', "People's Republic of China", ("People's Republic of China", 'Chinese', 'Beijing', 'Peking', 'PRC', 'Zhongnanhai', 'mainland China')),
    ('CX', 'CXR', 'Christmas Island', 'Christmas Island', ()),
    ('CC', 'CCK', 'Cocos (Keeling) Islands', 'Cocos (Keeling) Islands', ()),
    ('CO', 'COL', 'Colombia', 'Republic of Colombia', ('Republic of Colombia', 'Colombian', 'Bogotá', 'Bogota')),
    ('KM', 'COM', 'Comoros', 'Union of the Comoros', ('Union of the Comoros', 'Comorian', 'Moroni')),
    ('CK', 'COK', 'Cook Islands', 'Cook Islands', ()),
    ('CR', 'CRI', 'Costa Rica', 'Republic of Costa Rica', ('Republic of Costa Rica', 'Costa Rican', 'San José', 'San Jose')),
    ('HR', 'HRV', 'Croatia', 'Republic of Croatia', ('Republic of Croatia', 'Croatian', 'Croat', 'Zagreb')),
    ('CU', 'CUB', 'Cuba', 'Republic of Cuba', ('Republic of Cuba', 'Cuban', 'Havana')),
    ('CW', 'CUW', 'Curaçao', 'Curaçao', ()),
    ('CY', 'CYP', 'Cyprus', 'Republic of Cyprus', ('Republic of Cyprus', 'Cypriot', 'Nicosia')),
    ('CZ', 'CZE', 'Czech Republic', 'Czech Republic', ('Czechia', 'Czech', 'Prague')),
    ('CD', 'COD', 'DR Congo', 'Congo, The Democratic Republic of the', ('Democratic Republic of the Congo', 'Democratic Republic of Congo', 'DRC', 'Congo', 'Congolese', 'Kinshasa')),
    ('DK', 'DNK', 'Denmark', 'Kingdom of Denmark', ('Kingdom of Denmark', 'Danish', 'Dane', 'Copenhagen')),
    ('DJ', 'DJI', 'Djibouti', 'Republic of Djibouti', ('Republic of Djibouti', 'Djiboutian')),
    ('DM', 'DMA', 'Dominica', 'Commonwealth of Dominica', ('Commonwealth of Dominica', 'Roseau')),
    ('DO', 'DOM', 'Dominican Republic', 'Dominican Republic', ('Dominican', 'Santo Domingo')),
    ('TL', 'TLS', 'East Timor', 'Democratic Republic of Timor-Leste', ('Timor-Leste', 'Democratic Republic of Timor-Leste', 'Timorese', 'Dili')),
    ('EC', 'ECU', 'Ecuador', 'Republic of Ecuador', ('Republic of Ecuador', 'Ecuadorian', 'Ecuadorean', 'Quito')),
    ('EG', 'EGY', 'Egypt', 'Arab Republic of Egypt', ('Arab Republic of Egypt', 'Egyptian', 'Cairo')),
    ('SV', 'SLV', 'El Salvador', 'Republic of El Salvador', ('Republic of El Salvador', 'Salvadoran', 'Salvadorean', 'San Salvador')),
    ('GQ', 'GNQ', 'Equatorial Guinea', 'Republic of Equatorial Guinea', ('Republic of Equatorial Guinea', 'Equatoguinean', 'Equatorial Guinean', 'Malabo')),
    ('ER', 'ERI', 'Eritrea', 'the State of Eritrea', ('the State of Eritrea', 'Eritrean', 'Asmara')),
    ('EE', 'EST', 'Estonia', 'Republic of Estonia', ('Republic of Estonia', 'Estonian', 'Tallinn')),
    ('SZ', 'SWZ', 'Eswatini', 'Kingdom of Eswatini', ('Kingdom of Eswatini', 'Swaziland', 'Swazi', 'Mbabane')),
    ('ET', 'ETH', 'Ethiopia', 'Federal Democratic Republic of Ethiopia', ('Federal Democratic Republic of Ethiopia', 'Ethiopian', 'Addis Ababa')),
    ('FK', 'FLK', 'Falkland Islands', 'Falkland Islands (Malvinas)', ()),
    ('FO', 'FRO', 'Faroe Islands', 'Faroe Islands', ()),
    ('FJ', 'FJI', 'Fiji', 'Republic of Fiji', ('Republic of Fiji', 'Fijian', 'Suva')),
    ('FI', 'FIN', 'Finland', 'Republic of Finland', ('Republic of Finland', 'Finnish', 'Finn', 'Helsinki')),
    ('FR', 'FRA', 'France', 'French Republic', ('French Republic', 'French', 'Frenchman', 'Frenchmen', 'Frenchwoman', 'Paris', 'Élysée', 'Elysée', 'Elysee', "Quai d'Orsay")),
    ('GF', 'GUF', 'French Guiana', 'French Guiana', ()),
    ('PF', 'PYF', 'French Polynesia', 'French Polynesia', ()),
    ('TF', 'ATF', 'French Southern Territories', 'French Southern Territories', ()),
    ('GA', 'GAB', 'Gabon', 'Gabonese Republic', ('Gabonese Republic', 'Gabonese', 'Libreville')),
    ('GM', 'GMB', 'Gambia', 'Republic of the Gambia', ('Republic of the Gambia', 'Gambian', 'the Gambia', 'Banjul')),
    ('GE', 'GEO', 'Georgia', 'Georgia', ('Georgian', 'Tbilisi')),
    ('DE', 'DEU', 'Germany', 'Federal Republic of Germany', ('Federal Republic of Germany', 'German', 'Berlin', 'Bundestag', 'Bundeswehr')),
    ('GH', 'GHA', 'Ghana', 'Republic of Ghana', ('Republic of Ghana', 'Ghanaian', 'Accra')),
    ('GI', 'GIB', 'Gibraltar', 'Gibraltar', ()),
    ('GR', 'GRC', 'Greece', 'Hellenic Republic', ('Hellenic Republic', 'Greek', 'Hellenic', 'Athens')),
    ('GL', 'GRL', 'Greenland', 'Greenland', ()),
    ('GD', 'GRD', 'Grenada', 'Grenada', ('Grenadian',)),
    ('GP', 'GLP', 'Guadeloupe', 'Guadeloupe', ()),
    ('GU', 'GUM', 'Guam', 'Guam', ()),
    ('GT', 'GTM', 'Guatemala', 'Republic of Guatemala', ('Republic of Guatemala', 'Guatemalan', 'Guatemala City')),
    ('GG', 'GGY', 'Guernsey', 'Guernsey', ()),
    ('GN', 'GIN', 'Guinea', 'Republic of Guinea', ('Republic of Guinea', 'Guinean', 'Conakry')),
    ('GW', 'GNB', 'Guinea-Bissau', 'Republic of Guinea-Bissau', ('Republic of Guinea-Bissau', 'Bissau-Guinean', 'Bissau')),
    ('GY', 'GUY', 'Guyana', 'Republic of Guyana', ('Republic of Guyana', 'Guyanese')),
    ('HT', 'HTI', 'Haiti', 'Republic of Haiti', ('Republic of Haiti', 'Haitian', 'Port-au-Prince')),
    ('HM', 'HMD', 'Heard Island and McDonald Islands', 'Heard Island and McDonald Islands', ()),
    ('HN', 'HND', 'Honduras', 'Republic of Honduras', ('Republic of Honduras', 'Honduran', 'Tegucigalpa')),
    ('HK', 'HKG', 'Hong Kong', 'Hong Kong Special Administrative Region of China', ('Hong Kong Special Administrative Region of China', 'Hongkonger')),
    ('HU', 'HUN', 'Hungary', 'Hungary', ('Hungarian', 'Budapest')),
    ('IS', 'ISL', 'Iceland', 'Republic of Iceland', ('Republic of Iceland', 'Icelandic', 'Icelander', 'Reykjavik', 'Reykjavík')),
    ('IN', 'IND', 'India', 'Republic of India', ('Republic of India', 'Indian', 'New Delhi', 'Delhi')),
    ('ID', 'IDN', 'Indonesia', 'Republic of Indonesia', ('Republic of Indonesia', 'Indonesian', 'Jakarta')),
    ('IR', 'IRN', 'Iran', 'Islamic Republic of Iran', ('Islamic Republic of Iran', 'Iranian', 'Tehran', 'Teheran')),
    ('IQ', 'IRQ', 'Iraq', 'Republic of Iraq', ('Republic of Iraq', 'Iraqi', 'Baghdad')),
    ('IE', 'IRL', 'Ireland', 'Ireland', ('Irish', 'Dublin', 'Republic of Ireland', 'Irishman')),
    ('IM', 'IMN', 'Isle of Man', 'Isle of Man', ()),
    ('IL', 'ISR', 'Israel', 'State of Israel', ('State of Israel', 'Israeli', 'Knesset')),
    ('IT', 'ITA', 'Italy', 'Italian Republic', ('Italian Republic', 'Italian', 'Rome')),
    ('CI', 'CIV', 'Ivory Coast', "Republic of Côte d'Ivoire", ("Côte d'Ivoire", "Republic of Côte d'Ivoire", "Cote d'Ivoire", 'Ivorian', 'Yamoussoukro', 'Abidjan')),
    ('JM', 'JAM', 'Jamaica', 'Jamaica', ('Jamaican',)),
    ('JP', 'JPN', 'Japan', 'Japan', ('Japanese', 'Tokyo')),
    ('JE', 'JEY', 'Jersey', 'Jersey', ()),
    ('JO', 'JOR', 'Jordan', 'Hashemite Kingdom of Jordan', ('Hashemite Kingdom of Jordan', 'Jordanian', 'Amman')),
    ('KZ', 'KAZ', 'Kazakhstan', 'Republic of Kazakhstan', ('Republic of Kazakhstan', 'Kazakh', 'Kazakhstani', 'Astana', 'Almaty')),
    ('KE', 'KEN', 'Kenya', 'Republic of Kenya', ('Republic of Kenya', 'Kenyan', 'Nairobi')),
    ('KI', 'KIR', 'Kiribati', 'Republic of Kiribati', ('Republic of Kiribati', 'Tarawa')),
    ('KW', 'KWT', 'Kuwait', 'State of Kuwait', ('State of Kuwait', 'Kuwaiti', 'Kuwait City')),
    ('KG', 'KGZ', 'Kyrgyzstan', 'Kyrgyz Republic', ('Kyrgyz Republic', 'Kyrgyz', 'Kirghiz', 'Kyrgyzstani', 'Bishkek')),
    ('LA', 'LAO', 'Laos', "Lao People's Democratic Republic", ("Lao People's Democratic Republic", 'Lao', 'Laotian', 'Vientiane')),
    ('LV', 'LVA', 'Latvia', 'Republic of Latvia', ('Republic of Latvia', 'Latvian', 'Riga')),
    ('LB', 'LBN', 'Lebanon', 'Lebanese Republic', ('Lebanese Republic', 'Lebanese', 'Beirut')),
    ('LS', 'LSO', 'Lesotho', 'Kingdom of Lesotho', ('Kingdom of Lesotho', 'Basotho', 'Maseru')),
    ('LR', 'LBR', 'Liberia', 'Republic of Liberia', ('Republic of Liberia', 'Liberian', 'Monrovia')),
    ('LY', 'LBY', 'Libya', 'Libya', ('Libyan', 'Tripoli')),
    ('LI', 'LIE', 'Liechtenstein', 'Principality of Liechtenstein', ('Principality of Liechtenstein', 'Liechtensteiner', 'Vaduz')),
    ('LT', 'LTU', 'Lithuania', 'Republic of Lithuania', ('Republic of Lithuania', 'Lithuanian', 'Vilnius')),
    ('LU', 'LUX', 'Luxembourg', 'Grand Duchy of Luxembourg', ('Grand Duchy of Luxembourg', 'Luxembourger', 'Luxembourgish')),
    ('MO', 'MAC', 'Macao', 'Macao Special Administrative Region of China', ('Macao Special Administrative Region of China', 'Macau', 'Macanese')),
    ('MG', 'MDG', 'Madagascar', 'Republic of Madagascar', ('Republic of Madagascar', 'Malagasy', 'Antananarivo')),
    ('MW', 'MWI', 'Malawi', 'Republic of Malawi', ('Republic of Malawi', 'Malawian', 'Lilongwe')),
    ('MY', 'MYS', 'Malaysia', 'Malaysia', ('Malaysian', 'Kuala Lumpur')),
    ('MV', 'MDV', 'Maldives', 'Republic of Maldives', ('Republic of Maldives', 'Maldivian', 'the Maldives')),
    ('ML', 'MLI', 'Mali', 'Republic of Mali', ('Republic of Mali', 'Malian', 'Bamako')),
    ('MT', 'MLT', 'Malta', 'Republic of Malta', ('Republic of Malta', 'Maltese', 'Valletta')),
    ('MH', 'MHL', 'Marshall Islands', 'Republic of the Marshall Islands', ('Republic of the Marshall Islands', 'Marshallese', 'Majuro')),
    ('MQ', 'MTQ', 'Martinique', 'Martinique', ()),
    ('MR', 'MRT', 'Mauritania', 'Islamic Republic of Mauritania', ('Islamic Republic of Mauritania', 'Mauritanian', 'Nouakchott')),
    ('MU', 'MUS', 'Mauritius', 'Republic of Mauritius', ('Republic of Mauritius', 'Mauritian', 'Port Louis')),
    ('YT', 'MYT', 'Mayotte', 'Mayotte', ()),
    ('MX', 'MEX', 'Mexico', 'United Mexican States', ('United Mexican States', 'Mexican', 'Mexico City')),
    ('FM', 'FSM', 'Micronesia', 'Federated States of Micronesia', ('Federated States of Micronesia', 'Micronesian', 'Palikir')),
    ('MD', 'MDA', 'Moldova', 'Republic of Moldova', ('Republic of Moldova', 'Moldovan', 'Chisinau', 'Chișinău', 'Transnistria')),
    ('MC', 'MCO', 'Monaco', 'Principality of Monaco', ('Principality of Monaco', 'Monegasque', 'Monégasque')),
    ('MN', 'MNG', 'Mongolia', 'Mongolia', ('Mongolian', 'Ulaanbaatar', 'Ulan Bator')),
    ('ME', 'MNE', 'Montenegro', 'Montenegro', ('Montenegrin', 'Podgorica')),
    ('MS', 'MSR', 'Montserrat', 'Montserrat', ()),
    ('MA', 'MAR', 'Morocco', 'Kingdom of Morocco', ('Kingdom of Morocco', 'Moroccan', 'Rabat')),
    ('MZ', 'MOZ', 'Mozambique', 'Republic of Mozambique', ('Republic of Mozambique', 'Mozambican', 'Maputo')),
    ('MM', 'MMR', 'Myanmar', 'Republic of Myanmar', ('Republic of Myanmar', 'Burma', 'Burmese', 'Myanmarese', 'Naypyidaw', 'Naypyitaw', 'Yangon', 'Rangoon')),
    ('NA', 'NAM', 'Namibia', 'Republic of Namibia', ('Republic of Namibia', 'Namibian', 'Windhoek')),
    ('NR', 'NRU', 'Nauru', 'Republic of Nauru', ('Republic of Nauru', 'Nauruan')),
    ('NP', 'NPL', 'Nepal', 'Federal Democratic Republic of Nepal', ('Federal Democratic Republic of Nepal', 'Nepali', 'Nepalese', 'Kathmandu')),
    ('NL', 'NLD', 'Netherlands', 'Kingdom of the Netherlands', ('Kingdom of the Netherlands', 'the Netherlands', 'Dutch', 'Dutchman', 'Holland', 'Amsterdam')),
    ('NC', 'NCL', 'New Caledonia', 'New Caledonia', ()),
    ('NZ', 'NZL', 'New Zealand', 'New Zealand', ('New Zealander', 'Kiwi', 'Wellington')),
    ('NI', 'NIC', 'Nicaragua', 'Republic of Nicaragua', ('Republic of Nicaragua', 'Nicaraguan', 'Managua')),
    ('NE', 'NER', 'Niger', 'Republic of the Niger', ('Republic of the Niger', 'Nigerien', 'Niamey')),
    ('NG', 'NGA', 'Nigeria', 'Federal Republic of Nigeria', ('Federal Republic of Nigeria', 'Nigerian', 'Abuja', 'Lagos')),
    ('NU', 'NIU', 'Niue', 'Niue', ()),
    ('NF', 'NFK', 'Norfolk Island', 'Norfolk Island', ()),
    ('KP', 'PRK', 'North Korea', "Democratic People's Republic of Korea", ("Democratic People's Republic of Korea", 'North Korean', 'Pyongyang', 'DPRK', 'D.P.R.K.', "Korean People's Army")),
    ('MK', 'MKD', 'North Macedonia', 'Republic of North Macedonia', ('Republic of North Macedonia', 'Macedonia', 'Macedonian', 'Skopje')),
    ('MP', 'MNP', 'Northern Mariana Islands', 'Commonwealth of the Northern Mariana Islands', ('Commonwealth of the Northern Mariana Islands',)),
    ('NO', 'NOR', 'Norway', 'Kingdom of Norway', ('Kingdom of Norway', 'Norwegian', 'Oslo')),
    ('OM', 'OMN', 'Oman', 'Sultanate of Oman', ('Sultanate of Oman', 'Omani', 'Muscat')),
    ('PK', 'PAK', 'Pakistan', 'Islamic Republic of Pakistan', ('Islamic Republic of Pakistan', 'Pakistani', 'Islamabad', 'Rawalpindi')),
    ('PW', 'PLW', 'Palau', 'Republic of Palau', ('Republic of Palau', 'Palauan', 'Ngerulmud')),
    ('PS', 'PSE', 'Palestine', 'the State of Palestine', ('the State of Palestine', 'Palestinian', 'State of Palestine', 'Palestinian Authority', 'Gaza', 'Gazan', 'West Bank', 'Ramallah')),
    ('PA', 'PAN', 'Panama', 'Republic of Panama', ('Republic of Panama', 'Panamanian', 'Panama City')),
    ('PG', 'PNG', 'Papua New Guinea', 'Independent State of Papua New Guinea', ('Independent State of Papua New Guinea', 'Papua New Guinean', 'Port Moresby')),
    ('PY', 'PRY', 'Paraguay', 'Republic of Paraguay', ('Republic of Paraguay', 'Paraguayan', 'Asunción', 'Asuncion')),
    ('PE', 'PER', 'Peru', 'Republic of Peru', ('Republic of Peru', 'Peruvian', 'Lima')),
    ('PH', 'PHL', 'Philippines', 'Republic of the Philippines', ('Republic of the Philippines', 'the Philippines', 'Filipino', 'Filipina', 'Philippine', 'Manila')),
    ('PN', 'PCN', 'Pitcairn', 'Pitcairn', ()),
    ('PL', 'POL', 'Poland', 'Republic of Poland', ('Republic of Poland', 'Polish', 'Poles', 'Warsaw')),
    ('PT', 'PRT', 'Portugal', 'Portuguese Republic', ('Portuguese Republic', 'Portuguese', 'Lisbon')),
    ('PR', 'PRI', 'Puerto Rico', 'Puerto Rico', ()),
    ('QA', 'QAT', 'Qatar', 'State of Qatar', ('State of Qatar', 'Qatari', 'Doha')),
    ('CG', 'COG', 'Republic of the Congo', 'Republic of the Congo', ('Republic of Congo', 'Congo-Brazzaville', 'Brazzaville')),
    ('RO', 'ROU', 'Romania', 'Romania', ('Romanian', 'Bucharest')),
    ('RU', 'RUS', 'Russia', 'Russian Federation', ('Russian Federation', 'Russian', 'Moscow', 'Kremlin', 'the Kremlin')),
    ('RW', 'RWA', 'Rwanda', 'Rwandese Republic', ('Rwandese Republic', 'Rwandan', 'Kigali')),
    ('RE', 'REU', 'Réunion', 'Réunion', ()),
    ('BL', 'BLM', 'Saint Barthélemy', 'Saint Barthélemy', ()),
    ('SH', 'SHN', 'Saint Helena', 'Saint Helena, Ascension and Tristan da Cunha', ()),
    ('KN', 'KNA', 'Saint Kitts and Nevis', 'Saint Kitts and Nevis', ('St Kitts and Nevis', 'Basseterre')),
    ('LC', 'LCA', 'Saint Lucia', 'Saint Lucia', ('St Lucia', 'Saint Lucian', 'Castries')),
    ('MF', 'MAF', 'Saint Martin', 'Saint Martin (French part)', ()),
    ('PM', 'SPM', 'Saint Pierre and Miquelon', 'Saint Pierre and Miquelon', ()),
    ('VC', 'VCT', 'Saint Vincent and the Grenadines', 'Saint Vincent and the Grenadines', ('St Vincent and the Grenadines', 'Vincentian', 'Kingstown')),
    ('WS', 'WSM', 'Samoa', 'Independent State of Samoa', ('Independent State of Samoa', 'Samoan', 'Apia')),
    ('SM', 'SMR', 'San Marino', 'Republic of San Marino', ('Republic of San Marino', 'Sammarinese')),
    ('SA', 'SAU', 'Saudi Arabia', 'Kingdom of Saudi Arabia', ('Kingdom of Saudi Arabia', 'Saudi', 'Riyadh', 'KSA')),
    ('SN', 'SEN', 'Senegal', 'Republic of Senegal', ('Republic of Senegal', 'Senegalese', 'Dakar')),
    ('RS', 'SRB', 'Serbia', 'Republic of Serbia', ('Republic of Serbia', 'Serbian', 'Serb', 'Belgrade')),
    ('SC', 'SYC', 'Seychelles', 'Republic of Seychelles', ('Republic of Seychelles', 'Seychellois', 'the Seychelles')),
    ('SL', 'SLE', 'Sierra Leone', 'Republic of Sierra Leone', ('Republic of Sierra Leone', 'Sierra Leonean', 'Freetown')),
    ('SG', 'SGP', 'Singapore', 'Republic of Singapore', ('Republic of Singapore', 'Singaporean')),
    ('SX', 'SXM', 'Sint Maarten', 'Sint Maarten (Dutch part)', ()),
    ('SK', 'SVK', 'Slovakia', 'Slovak Republic', ('Slovak Republic', 'Slovak', 'Slovakian', 'Bratislava')),
    ('SI', 'SVN', 'Slovenia', 'Republic of Slovenia', ('Republic of Slovenia', 'Slovenian', 'Slovene', 'Ljubljana')),
    ('SB', 'SLB', 'Solomon Islands', 'Solomon Islands', ('Solomon Islander', 'Honiara')),
    ('SO', 'SOM', 'Somalia', 'Federal Republic of Somalia', ('Federal Republic of Somalia', 'Somali', 'Somalian', 'Mogadishu')),
    ('ZA', 'ZAF', 'South Africa', 'Republic of South Africa', ('Republic of South Africa', 'South African', 'Pretoria', 'Johannesburg', 'Cape Town')),
    ('GS', 'SGS', 'South Georgia and the South Sandwich Islands', 'South Georgia and the South Sandwich Islands', ()),
    ('KR', 'KOR', 'South Korea', 'Korea, Republic of', ('South Korean', 'Seoul', 'Republic of Korea', 'ROK', 'Blue House')),
    ('SS', 'SSD', 'South Sudan', 'Republic of South Sudan', ('Republic of South Sudan', 'South Sudanese', 'Juba')),
    ('ES', 'ESP', 'Spain', 'Kingdom of Spain', ('Kingdom of Spain', 'Spanish', 'Spaniard', 'Madrid')),
    ('LK', 'LKA', 'Sri Lanka', 'Democratic Socialist Republic of Sri Lanka', ('Democratic Socialist Republic of Sri Lanka', 'Sri Lankan', 'Colombo')),
    ('SD', 'SDN', 'Sudan', 'Republic of the Sudan', ('Republic of the Sudan', 'Sudanese', 'Khartoum')),
    ('SR', 'SUR', 'Suriname', 'Republic of Suriname', ('Republic of Suriname', 'Surinamese', 'Paramaribo')),
    ('SJ', 'SJM', 'Svalbard and Jan Mayen', 'Svalbard and Jan Mayen', ()),
    ('SE', 'SWE', 'Sweden', 'Kingdom of Sweden', ('Kingdom of Sweden', 'Swedish', 'Swede', 'Stockholm')),
    ('CH', 'CHE', 'Switzerland', 'Swiss Confederation', ('Swiss Confederation', 'Swiss', 'Bern', 'Berne')),
    ('SY', 'SYR', 'Syria', 'Syrian Arab Republic', ('Syrian Arab Republic', 'Syrian', 'Damascus')),
    ('ST', 'STP', 'São Tomé and Príncipe', 'Democratic Republic of Sao Tome and Principe', ('Sao Tome and Principe', 'Democratic Republic of Sao Tome and Principe', 'São Tomé', 'Sao Tome')),
    ('TW', 'TWN', 'Taiwan', 'Taiwan, Province of China', ('Taiwanese', 'Taipei', 'Republic of China')),
    ('TJ', 'TJK', 'Tajikistan', 'Republic of Tajikistan', ('Republic of Tajikistan', 'Tajik', 'Tajikistani', 'Dushanbe')),
    ('TZ', 'TZA', 'Tanzania', 'United Republic of Tanzania', ('United Republic of Tanzania', 'Tanzanian', 'Dodoma', 'Dar es Salaam')),
    ('TH', 'THA', 'Thailand', 'Kingdom of Thailand', ('Kingdom of Thailand', 'Thai', 'Bangkok')),
    ('TG', 'TGO', 'Togo', 'Togolese Republic', ('Togolese Republic', 'Togolese', 'Lomé', 'Lome')),
    ('TK', 'TKL', 'Tokelau', 'Tokelau', ()),
    ('TO', 'TON', 'Tonga', 'Kingdom of Tonga', ('Kingdom of Tonga', 'Tongan', "Nuku'alofa")),
    ('TT', 'TTO', 'Trinidad and Tobago', 'Republic of Trinidad and Tobago', ('Republic of Trinidad and Tobago', 'Trinidadian', 'Tobagonian', 'Port of Spain')),
    ('TN', 'TUN', 'Tunisia', 'Republic of Tunisia', ('Republic of Tunisia', 'Tunisian', 'Tunis')),
    ('TR', 'TUR', 'Turkey', 'Republic of Türkiye', ('Türkiye', 'Republic of Türkiye', 'Turkiye', 'Turkish', 'Turk', 'Ankara', 'Istanbul')),
    ('TM', 'TKM', 'Turkmenistan', 'Turkmenistan', ('Turkmen', 'Ashgabat')),
    ('TC', 'TCA', 'Turks and Caicos Islands', 'Turks and Caicos Islands', ()),
    ('TV', 'TUV', 'Tuvalu', 'Tuvalu', ('Tuvaluan', 'Funafuti')),
    ('VI', 'VIR', 'US Virgin Islands', 'Virgin Islands of the United States', ('Virgin Islands of the United States',)),
    ('UG', 'UGA', 'Uganda', 'Republic of Uganda', ('Republic of Uganda', 'Ugandan', 'Kampala')),
    ('UA', 'UKR', 'Ukraine', 'Ukraine', ('Ukrainian', 'the Ukraine', 'Kyiv', 'Kiev', 'Bankova')),
    ('AE', 'ARE', 'United Arab Emirates', 'United Arab Emirates', ('UAE', 'U.A.E.', 'Emirati', 'the Emirates', 'Abu Dhabi', 'Dubai')),
    ('GB', 'GBR', 'United Kingdom', 'United Kingdom of Great Britain and Northern Ireland', ('United Kingdom of Great Britain and Northern Ireland', 'UK', 'U.K.', 'Britain', 'Great Britain', 'British', 'Briton', 'Brit', 'London', 'Whitehall', 'Downing Street', 'Westminster', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'Scottish', 'Welsh', 'Scot')),
    ('US', 'USA', 'United States', 'United States of America', ('United States of America', 'U.S.', 'US', 'USA', 'U.S.A.', 'America', 'American', 'Washington', 'Washington, D.C.', 'Washington DC', 'the White House', 'White House', 'the Pentagon', 'Pentagon', 'Capitol Hill', 'Foggy Bottom')),
    ('UM', 'UMI', 'United States Minor Outlying Islands', 'United States Minor Outlying Islands', ()),
    ('UY', 'URY', 'Uruguay', 'Eastern Republic of Uruguay', ('Eastern Republic of Uruguay', 'Uruguayan', 'Montevideo')),
    ('UZ', 'UZB', 'Uzbekistan', 'Republic of Uzbekistan', ('Republic of Uzbekistan', 'Uzbek', 'Uzbekistani', 'Tashkent')),
    ('VU', 'VUT', 'Vanuatu', 'Republic of Vanuatu', ('Republic of Vanuatu', 'Vanuatuan', 'Ni-Vanuatu', 'Port Vila')),
    ('VA', 'VAT', 'Vatican', 'Holy See (Vatican City State)', ('Holy See', 'Vatican City', 'the Vatican')),
    ('VE', 'VEN', 'Venezuela', 'Bolivarian Republic of Venezuela', ('Bolivarian Republic of Venezuela', 'Venezuelan', 'Caracas', 'Miraflores')),
    ('VN', 'VNM', 'Vietnam', 'Socialist Republic of Viet Nam', ('Viet Nam', 'Socialist Republic of Viet Nam', 'Vietnamese', 'Hanoi')),
    ('WF', 'WLF', 'Wallis and Futuna', 'Wallis and Futuna', ()),
    ('EH', 'ESH', 'Western Sahara', 'Western Sahara', ()),
    ('YE', 'YEM', 'Yemen', 'Republic of Yemen', ('Republic of Yemen', 'Yemeni', 'Sanaa', "Sana'a")),
    ('ZM', 'ZMB', 'Zambia', 'Republic of Zambia', ('Republic of Zambia', 'Zambian', 'Lusaka')),
    ('ZW', 'ZWE', 'Zimbabwe', 'Republic of Zimbabwe', ('Republic of Zimbabwe', 'Zimbabwean', 'Harare')),
    ('AX', 'ALA', 'Åland Islands', 'Åland Islands', ()),
)

# The seed themes as analysis.themes.DEFAULT_THEMES gave them: (slug, name, description, keywords).
THEMES = (
    (
        'escalation', 'Escalation',
        'Risk of the war widening or intensifying, red lines, spillover.',
        (
            'escalat*', 'de-escalat*', 'red line', 'spillover', 'spill over', 'wider war', 'widen* the war',
            'widening war', 'expansion of the battlefield', 'spreading of the war', 'spread of the war',
            'tipping point', 'military crisis', 'armed conflict', 'direct confrontation', 'direct conflict',
            'world war', 'third world war', 'retaliat*', 'provocation', 'provocative', 'drawn into', 'dragged into',
            'fanning flames', 'fan the flames', 'brinkmanship',
        ),
    ),
    (
        'brics', 'BRICS',
        'The BRICS group, its summits, expansion and the push away from the dollar.',
        (
            'brics', 'kazan summit', 'new development bank', 'de-dollaris*', 'de-dollariz*', 'emerging economies',
            'global south', 'shanghai cooperation organisation', 'shanghai cooperation organization',
            'alternative to the dollar',
        ),
    ),
    (
        'alliances', 'Alliances',
        'Alliances, allies, partnerships and blocs, and how solid they are.',
        (
            'allian*', 'ally', 'allies', 'allied', 'strategic partnership', 'comprehensive strategic partnership',
            'partnership', 'mutual defence', 'mutual defense', 'defence pact', 'defense pact', 'treaty', 'bloc',
            'coalition', 'axis of', 'vassal', 'nato', 'close ties', 'fair-weather friends',
        ),
    ),
    (
        'sanctions', 'Sanctions',
        'Sanctions, embargoes, export controls and sanctions busting.',
        (
            'sanction*', 'embargo*', 'export control', 'asset freeze', 'frozen assets', 'price cap', 'blacklist*',
            'sanctions busting', 'secondary sanctions',
        ),
    ),
    (
        'military-aid', 'Military aid',
        'Weapons, ammunition and other military help supplied to a party.',
        (
            'military aid', 'military assistance', 'military support', 'security assistance', 'arms deliver*',
            'weapons deliver*', 'arms shipment', 'arms supplies', 'weapons supplies', 'arms transfer', 'lend-lease',
            'ammunition', 'artillery shell', 'artillery round', 'ordnance', 'aid package', 'supply weapons',
            'providing ordnance',
        ),
    ),
    (
        'nuclear', 'Nuclear',
        'Nuclear weapons, programmes, threats and deterrence.',
        (
            'nuclear*', 'atomic', 'warhead', 'ballistic missile', 'icbm', 'uranium', 'enrichment', 'deterrence',
            'non-proliferation',
        ),
    ),
    (
        'world-order', 'World order',
        'The shape of the international system: multipolarity, hegemony, the West.',
        (
            'world order', 'global order', 'international order', 'rules-based order', 'multipolar*', 'unipolar*',
            'hegemon*', 'superpower', 'great power', 'american dominance', 'western dominance', 'anti-western',
            'western values', 'western-led', 'masters of the universe', 'new world order', 'balance of power',
        ),
    ),
    (
        'manpower', 'Manpower and troops',
        'Soldiers, deployments, mobilisation, recruitment and casualties.',
        (
            'troops', 'soldiers', 'manpower', 'conscript*', 'mobilis*', 'mobiliz*', 'mercenar*', 'casualt*',
            'infantry', 'reinforcements', 'deserter', 'desertion', 'special forces', 'combat experience',
            'servicemen', 'recruits', 'deploy*',
        ),
    ),
    (
        'diplomacy', 'Diplomacy and negotiations',
        'Talks, ceasefires, peace plans and mediation.',
        (
            'negotiat*', 'peace talks', 'peace summit', 'peace plan', 'peace deal', 'peace process', 'ceasefire',
            'cease-fire', 'truce', 'mediat*', 'diplomac*', 'diplomatic', 'by peaceful means', 'backchannel',
            'back channel',
        ),
    ),
    (
        'energy', 'Energy',
        'Oil, gas and energy deals, prices and pipelines.',
        (
            'energy deal', 'energy supplies', 'energy security', 'energy exports', 'oil and gas', 'cheap oil',
            'crude oil', 'oil price', 'oil export', 'oil revenue', 'gas export', 'natural gas', 'lng', 'pipeline',
            'gas supplies', 'opec',
        ),
    ),
    (
        'information', 'Propaganda and information',
        'Propaganda, state media, disinformation and narratives.',
        (
            'propaganda', 'disinformation', 'misinformation', 'state media', 'state television', 'information war*',
            'influence operation', 'narrative', 'censorship', 'troll farm',
        ),
    ),
    (
        'economy', 'Economy and trade',
        'Trade, economic losses and gains, currencies and payments.',
        (
            'trade', 'economic*', 'economy', 'gdp', 'inflation', 'currency', 'currencies', 'dollar', 'exports',
            'imports', 'tariff', 'raw materials', 'payment system',
        ),
    ),
)

EDITORS = 'Editors'
# What editors may do (articles.seeding.EDITOR_PERMISSIONS): model -> actions.
EDITOR_PERMISSIONS = {
    'annotation': ['view', 'add', 'change', 'delete'],
    'quote': ['view', 'add', 'change', 'delete'],
    'quotereview': ['view', 'change'],
    'quotetheme': ['view', 'add', 'change', 'delete'],
    'person': ['view', 'add', 'change', 'delete'],
    'personmention': ['view', 'add', 'change', 'delete'],
    'organisation': ['view', 'add', 'change'],
    'theme': ['view', 'add', 'change'],
    'article': ['view', 'add', 'change'],
    'passage': ['view'],
    'source': ['view', 'add', 'change'],
    'country': ['view'],
    'countrymention': ['view'],
    'organisationmention': ['view'],
    'articletheme': ['view'],
    'figure': ['view', 'change'],
}


def seed_countries(apps) -> None:
    """Create or refresh every country above."""
    country_model = apps.get_model("articles", "Country")
    for code, alpha3, name, official_name, aliases in COUNTRIES:
        country_model.objects.update_or_create(
            code=code,
            defaults={"alpha3": alpha3, "name": name, "official_name": official_name, "aliases": list(aliases)},
        )


def seed_themes(apps) -> None:
    """Create the seed themes that do not exist yet; themes editors changed are left alone."""
    theme_model = apps.get_model("articles", "Theme")
    for slug, name, description, keywords in THEMES:
        theme_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "keywords": "\n".join(keywords)}
        )


def grant_editor_permissions(apps) -> None:
    """Create the Editors group with exactly the permissions above."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations have run; editors need them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True  # historical app configs have none
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _ = group_model.objects.get_or_create(name=EDITORS)
    codenames = [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]
    group.permissions.set(
        permission_model.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )


def create_cache_table(schema_editor, table: str) -> None:
    """The table Django's DatabaseCache keeps (what ``createcachetable`` made for it on 2026-12-03),
    by name, so that what a migration creates does not follow later edits of settings.CACHES."""
    name = schema_editor.quote_name(table)
    schema_editor.execute(
        f'CREATE TABLE IF NOT EXISTS {name} ("cache_key" varchar(255) NOT NULL PRIMARY KEY, '
        '"value" text NOT NULL, "expires" timestamp with time zone NOT NULL)'
    )
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {schema_editor.quote_name(table + '_expires')} ON {name} (\"expires\")")
