"""Curated names for countries: common short names, demonyms, capitals and metonyms.

pycountry gives the ISO 3166-1 codes and formal names; newswriting uses other words
("the Kremlin", "Pyongyang", "Emirati", "Kyiv"). One line per country:

    CODE|Common name|alias; alias; ...

Aliases are matched case-sensitively, as whole words, with an optional plural "s"
(so "American" also finds "Americans"). An alias may belong to one country only
(tests check this). Words that are ambiguous between countries ("Korean",
"Dominican" is kept for the Dominican Republic) or that are mostly not about a
country ("Brussels" means the EU, "The Hague" the courts, "Geneva" the UN) are
left out on purpose. ``NOT_COUNTRIES`` lists phrases that contain a country word
but name no country; the matcher consumes them so that "Latin American" is not
"American".
"""

from __future__ import annotations

CURATED = """
AF|Afghanistan|Afghan; Kabul
AL|Albania|Albanian; Tirana
DZ|Algeria|Algerian; Algiers
AD|Andorra|Andorran; Andorra la Vella
AO|Angola|Angolan; Luanda
AG|Antigua and Barbuda|Antiguan
AR|Argentina|Argentine; Argentinian; Argentinean; Buenos Aires; Casa Rosada
AM|Armenia|Armenian; Yerevan
AU|Australia|Australian; Aussie; Canberra; New South Wales
AT|Austria|Austrian; Vienna
AZ|Azerbaijan|Azerbaijani; Azeri; Baku
BS|Bahamas|Bahamian; the Bahamas; Nassau
BH|Bahrain|Bahraini; Manama
BD|Bangladesh|Bangladeshi; Dhaka
BB|Barbados|Barbadian; Bajan; Bridgetown
BY|Belarus|Belarusian; Belarussian; Belorussian; Byelorussia; Minsk
BE|Belgium|Belgian
BZ|Belize|Belizean; Belmopan
BJ|Benin|Beninese; Porto-Novo
BT|Bhutan|Bhutanese; Thimphu
BO|Bolivia|Bolivian; La Paz; Sucre
BA|Bosnia and Herzegovina|Bosnia; Bosnian; Sarajevo; Republika Srpska
BW|Botswana|Botswanan; Motswana; Batswana; Gaborone
BR|Brazil|Brazilian; Brasília; Brasilia; Planalto
BN|Brunei|Bruneian; Bandar Seri Begawan
BG|Bulgaria|Bulgarian; Sofia
BF|Burkina Faso|Burkinabe; Burkinabè; Ouagadougou
BI|Burundi|Burundian; Gitega; Bujumbura
CV|Cape Verde|Cabo Verde; Cape Verdean; Praia
KH|Cambodia|Cambodian; Khmer; Phnom Penh
CM|Cameroon|Cameroonian; Yaoundé; Yaounde
CA|Canada|Canadian; Ottawa
CF|Central African Republic|CAR; Bangui
TD|Chad|Chadian; N'Djamena; Ndjamena
CL|Chile|Chilean; Santiago
CN|China|Chinese; Beijing; Peking; PRC; Zhongnanhai; mainland China
CO|Colombia|Colombian; Bogotá; Bogota
KM|Comoros|Comorian; Moroni
CD|DR Congo|Democratic Republic of the Congo; Democratic Republic of Congo; DRC; DR Congo; Congo; Congolese; Kinshasa
CG|Republic of the Congo|Republic of Congo; Congo-Brazzaville; Brazzaville
CR|Costa Rica|Costa Rican; San José; San Jose
CI|Ivory Coast|Côte d'Ivoire; Cote d'Ivoire; Ivorian; Yamoussoukro; Abidjan
HR|Croatia|Croatian; Croat; Zagreb
CU|Cuba|Cuban; Havana
CY|Cyprus|Cypriot; Nicosia
CZ|Czech Republic|Czechia; Czech; Prague
DK|Denmark|Danish; Dane; Copenhagen
DJ|Djibouti|Djiboutian
DM|Dominica|Roseau
DO|Dominican Republic|Dominican; Santo Domingo
EC|Ecuador|Ecuadorian; Ecuadorean; Quito
EG|Egypt|Egyptian; Cairo
SV|El Salvador|Salvadoran; Salvadorean; San Salvador
GQ|Equatorial Guinea|Equatoguinean; Equatorial Guinean; Malabo
ER|Eritrea|Eritrean; Asmara
EE|Estonia|Estonian; Tallinn
SZ|Eswatini|Swaziland; Swazi; Mbabane
ET|Ethiopia|Ethiopian; Addis Ababa
FJ|Fiji|Fijian; Suva
FI|Finland|Finnish; Finn; Helsinki
FR|France|French; Frenchman; Frenchmen; Frenchwoman; Paris; Élysée; Elysée; Elysee; Quai d'Orsay
GA|Gabon|Gabonese; Libreville
GM|Gambia|Gambian; the Gambia; Banjul
GE|Georgia|Georgian; Tbilisi
DE|Germany|German; Berlin; Bundestag; Bundeswehr
GH|Ghana|Ghanaian; Accra
GR|Greece|Greek; Hellenic; Athens
GD|Grenada|Grenadian
GT|Guatemala|Guatemalan; Guatemala City
GN|Guinea|Guinean; Conakry
GW|Guinea-Bissau|Bissau-Guinean; Bissau
GY|Guyana|Guyanese
HT|Haiti|Haitian; Port-au-Prince
VA|Vatican|Holy See; Vatican City; the Vatican
HN|Honduras|Honduran; Tegucigalpa
HU|Hungary|Hungarian; Budapest
IS|Iceland|Icelandic; Icelander; Reykjavik; Reykjavík
IN|India|Indian; New Delhi; Delhi
ID|Indonesia|Indonesian; Jakarta
IR|Iran|Iranian; Tehran; Teheran; Islamic Republic of Iran
IQ|Iraq|Iraqi; Baghdad
IE|Ireland|Irish; Dublin; Republic of Ireland; Irishman
IL|Israel|Israeli; Knesset
IT|Italy|Italian; Rome
JM|Jamaica|Jamaican
JP|Japan|Japanese; Tokyo
JO|Jordan|Jordanian; Amman
KZ|Kazakhstan|Kazakh; Kazakhstani; Astana; Almaty
KE|Kenya|Kenyan; Nairobi
KI|Kiribati|Tarawa
KP|North Korea|North Korean; Pyongyang; DPRK; D.P.R.K.; Democratic People's Republic of Korea; Korean People's Army
KR|South Korea|South Korean; Seoul; Republic of Korea; ROK; Blue House
KW|Kuwait|Kuwaiti; Kuwait City
KG|Kyrgyzstan|Kyrgyz; Kirghiz; Kyrgyzstani; Bishkek
LA|Laos|Lao; Laotian; Vientiane
LV|Latvia|Latvian; Riga
LB|Lebanon|Lebanese; Beirut
LS|Lesotho|Basotho; Maseru
LR|Liberia|Liberian; Monrovia
LY|Libya|Libyan; Tripoli
LI|Liechtenstein|Liechtensteiner; Vaduz
LT|Lithuania|Lithuanian; Vilnius
LU|Luxembourg|Luxembourger; Luxembourgish
MG|Madagascar|Malagasy; Antananarivo
MW|Malawi|Malawian; Lilongwe
MY|Malaysia|Malaysian; Kuala Lumpur
MV|Maldives|Maldivian; the Maldives
ML|Mali|Malian; Bamako
MT|Malta|Maltese; Valletta
MH|Marshall Islands|Marshallese; Majuro
MR|Mauritania|Mauritanian; Nouakchott
MU|Mauritius|Mauritian; Port Louis
MX|Mexico|Mexican; Mexico City
FM|Micronesia|Micronesian; Palikir
MD|Moldova|Moldovan; Chisinau; Chișinău; Transnistria
MC|Monaco|Monegasque; Monégasque
MN|Mongolia|Mongolian; Ulaanbaatar; Ulan Bator
ME|Montenegro|Montenegrin; Podgorica
MA|Morocco|Moroccan; Rabat
MZ|Mozambique|Mozambican; Maputo
MM|Myanmar|Burma; Burmese; Myanmarese; Naypyidaw; Naypyitaw; Yangon; Rangoon
NA|Namibia|Namibian; Windhoek
NR|Nauru|Nauruan
NP|Nepal|Nepali; Nepalese; Kathmandu
NL|Netherlands|the Netherlands; Dutch; Dutchman; Holland; Amsterdam
NZ|New Zealand|New Zealander; Kiwi; Wellington
NI|Nicaragua|Nicaraguan; Managua
NE|Niger|Nigerien; Niamey
NG|Nigeria|Nigerian; Abuja; Lagos
MK|North Macedonia|Macedonia; Macedonian; Skopje
NO|Norway|Norwegian; Oslo
OM|Oman|Omani; Muscat
PK|Pakistan|Pakistani; Islamabad; Rawalpindi
PW|Palau|Palauan; Ngerulmud
PS|Palestine|Palestinian; State of Palestine; Palestinian Authority; Gaza; Gazan; West Bank; Ramallah
PA|Panama|Panamanian; Panama City
PG|Papua New Guinea|Papua New Guinean; Port Moresby
PY|Paraguay|Paraguayan; Asunción; Asuncion
PE|Peru|Peruvian; Lima
PH|Philippines|the Philippines; Filipino; Filipina; Philippine; Manila
PL|Poland|Polish; Poles; Warsaw
PT|Portugal|Portuguese; Lisbon
QA|Qatar|Qatari; Doha
RO|Romania|Romanian; Bucharest
RU|Russia|Russian Federation; Russian; Moscow; Kremlin; the Kremlin
RW|Rwanda|Rwandan; Kigali
KN|Saint Kitts and Nevis|St Kitts and Nevis; Basseterre
LC|Saint Lucia|St Lucia; Saint Lucian; Castries
VC|Saint Vincent and the Grenadines|St Vincent and the Grenadines; Vincentian; Kingstown
WS|Samoa|Samoan; Apia
SM|San Marino|Sammarinese
ST|São Tomé and Príncipe|Sao Tome and Principe; São Tomé; Sao Tome
SA|Saudi Arabia|Saudi; Riyadh; KSA
SN|Senegal|Senegalese; Dakar
RS|Serbia|Serbian; Serb; Belgrade
SC|Seychelles|Seychellois; the Seychelles
SL|Sierra Leone|Sierra Leonean; Freetown
SG|Singapore|Singaporean
SK|Slovakia|Slovak; Slovakian; Bratislava
SI|Slovenia|Slovenian; Slovene; Ljubljana
SB|Solomon Islands|Solomon Islander; Honiara
SO|Somalia|Somali; Somalian; Mogadishu
ZA|South Africa|South African; Pretoria; Johannesburg; Cape Town
SS|South Sudan|South Sudanese; Juba
ES|Spain|Spanish; Spaniard; Madrid
LK|Sri Lanka|Sri Lankan; Colombo
SD|Sudan|Sudanese; Khartoum
SR|Suriname|Surinamese; Paramaribo
SE|Sweden|Swedish; Swede; Stockholm
CH|Switzerland|Swiss; Bern; Berne
SY|Syria|Syrian; Damascus
TW|Taiwan|Taiwanese; Taipei; Republic of China
TJ|Tajikistan|Tajik; Tajikistani; Dushanbe
TZ|Tanzania|Tanzanian; Dodoma; Dar es Salaam
TH|Thailand|Thai; Bangkok
TL|East Timor|Timor-Leste; Timorese; Dili
TG|Togo|Togolese; Lomé; Lome
TO|Tonga|Tongan; Nuku'alofa
TT|Trinidad and Tobago|Trinidadian; Tobagonian; Port of Spain
TN|Tunisia|Tunisian; Tunis
TR|Turkey|Türkiye; Turkiye; Turkish; Turk; Ankara; Istanbul
TM|Turkmenistan|Turkmen; Ashgabat
TV|Tuvalu|Tuvaluan; Funafuti
UG|Uganda|Ugandan; Kampala
UA|Ukraine|Ukrainian; the Ukraine; Kyiv; Kiev; Bankova
AE|United Arab Emirates|UAE; U.A.E.; Emirati; the Emirates; Abu Dhabi; Dubai
GB|United Kingdom|UK; U.K.; Britain; Great Britain; British; Briton; Brit; London; Whitehall; Downing Street; Westminster; England; Scotland; Wales; Northern Ireland; Scottish; Welsh; Scot
US|United States|United States of America; U.S.; US; USA; U.S.A.; America; American; Washington; Washington, D.C.; Washington DC; the White House; White House; the Pentagon; Pentagon; Capitol Hill; Foggy Bottom
UY|Uruguay|Uruguayan; Montevideo
UZ|Uzbekistan|Uzbek; Uzbekistani; Tashkent
VU|Vanuatu|Vanuatuan; Ni-Vanuatu; Port Vila
VE|Venezuela|Venezuelan; Caracas; Miraflores
VN|Vietnam|Viet Nam; Vietnamese; Hanoi
YE|Yemen|Yemeni; Sanaa; Sana'a
ZM|Zambia|Zambian; Lusaka
ZW|Zimbabwe|Zimbabwean; Harare
HK|Hong Kong|Hongkonger
MO|Macao|Macau; Macanese
"""

# Phrases that contain a country word but do not refer to a country. The matcher
# consumes them (longest match wins) and yields nothing.
NOT_COUNTRIES = (
    "Korean Peninsula",
    "Korean peninsula",
    "Korean War",
    "Korean war",
    "Korea Strait",
    "Korean",
    "Korea",  # without North/South it is ambiguous: better none than a guess
    "Indo-Pacific",
    "Indian Ocean",
    "American Indian",
    "West Indies",
    "West Indian",
    "South China Sea",
    "East China Sea",
    "Latin America",
    "Latin American",
    "South America",
    "South American",
    "North America",
    "North American",
    "Central America",
    "Central American",
    "the Americas",
    "Americas",
    "Native American",
    "African American",
    "Anglo-American",
    "Pan-American",
    "Persian Gulf",
    "New Mexico",
    "New Mexican",
    "New Jersey",
    "New England",
    "Washington state",
    "Washington State",
    "George Washington",
    "Washington Post",
    "Georgia Tech",
    "Irish Sea",
    "Arabian Sea",
    "Dutch courage",
    "Turkish delight",
    "French fries",
    "French toast",
    "Swiss cheese",
    "Mexican wave",
    "Chinese whispers",
    "Russian roulette",
)
