"""Well-known outlets, so the cleaner can recognise an outlet line in a pasted header
and the importer can give a new Source its kind, country and homepage."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    kind: str  # newspaper, magazine, wire, broadcaster, think_tank, online
    country: str  # ISO alpha-2
    homepage: str
    aliases: tuple[str, ...] = ()


OUTLETS: tuple[Outlet, ...] = (
    Outlet("The Sunday Times", "newspaper", "GB", "https://www.thetimes.com", ("Sunday Times",)),
    Outlet("The Times", "newspaper", "GB", "https://www.thetimes.com", ("Times of London",)),
    Outlet("Newsweek", "magazine", "US", "https://www.newsweek.com"),
    Outlet("The Guardian", "newspaper", "GB", "https://www.theguardian.com", ("Guardian",)),
    Outlet("The Observer", "newspaper", "GB", "https://www.theguardian.com/observer", ("Observer",)),
    Outlet("The Economist", "magazine", "GB", "https://www.economist.com", ("Economist",)),
    Outlet("Financial Times", "newspaper", "GB", "https://www.ft.com", ("FT", "The Financial Times")),
    Outlet("The Telegraph", "newspaper", "GB", "https://www.telegraph.co.uk", ("The Daily Telegraph", "Telegraph")),
    Outlet("The Independent", "newspaper", "GB", "https://www.independent.co.uk", ("Independent",)),
    Outlet("BBC News", "broadcaster", "GB", "https://www.bbc.co.uk/news", ("BBC",)),
    Outlet("Sky News", "broadcaster", "GB", "https://news.sky.com"),
    Outlet("The Spectator", "magazine", "GB", "https://www.spectator.co.uk", ("Spectator",)),
    Outlet("New Statesman", "magazine", "GB", "https://www.newstatesman.com"),
    Outlet("Reuters", "wire", "GB", "https://www.reuters.com"),
    Outlet("Associated Press", "wire", "US", "https://apnews.com", ("AP", "AP News", "The Associated Press")),
    Outlet("Agence France-Presse", "wire", "FR", "https://www.afp.com", ("AFP",)),
    Outlet("Bloomberg", "wire", "US", "https://www.bloomberg.com", ("Bloomberg News",)),
    Outlet("The New York Times", "newspaper", "US", "https://www.nytimes.com", ("New York Times", "NYT")),
    Outlet("The Washington Post", "newspaper", "US", "https://www.washingtonpost.com", ("Washington Post",)),
    Outlet("The Wall Street Journal", "newspaper", "US", "https://www.wsj.com", ("Wall Street Journal", "WSJ")),
    Outlet("Politico", "online", "US", "https://www.politico.com", ("Politico Europe",)),
    Outlet("Foreign Affairs", "magazine", "US", "https://www.foreignaffairs.com"),
    Outlet("Foreign Policy", "magazine", "US", "https://foreignpolicy.com"),
    Outlet("The Atlantic", "magazine", "US", "https://www.theatlantic.com"),
    Outlet("The New Yorker", "magazine", "US", "https://www.newyorker.com"),
    Outlet("CNN", "broadcaster", "US", "https://www.cnn.com"),
    Outlet("NPR", "broadcaster", "US", "https://www.npr.org"),
    Outlet("Fox News", "broadcaster", "US", "https://www.foxnews.com"),
    Outlet("Al Jazeera", "broadcaster", "QA", "https://www.aljazeera.com"),
    Outlet("Deutsche Welle", "broadcaster", "DE", "https://www.dw.com", ("DW",)),
    Outlet("Der Spiegel", "magazine", "DE", "https://www.spiegel.de", ("Spiegel",)),
    Outlet("Le Monde", "newspaper", "FR", "https://www.lemonde.fr"),
    Outlet("The Kyiv Independent", "online", "UA", "https://kyivindependent.com", ("Kyiv Independent",)),
    Outlet("The Moscow Times", "online", "RU", "https://www.themoscowtimes.com", ("Moscow Times",)),
    Outlet("Meduza", "online", "LV", "https://meduza.io"),
    Outlet("TASS", "wire", "RU", "https://tass.com"),
    Outlet("RIA Novosti", "wire", "RU", "https://ria.ru"),
    Outlet("Yonhap", "wire", "KR", "https://en.yna.co.kr", ("Yonhap News Agency",)),
    Outlet("Korea Herald", "newspaper", "KR", "https://www.koreaherald.com", ("The Korea Herald",)),
    Outlet("NK News", "online", "US", "https://www.nknews.org"),
    Outlet("South China Morning Post", "newspaper", "HK", "https://www.scmp.com", ("SCMP",)),
    Outlet("Xinhua", "wire", "CN", "https://english.news.cn"),
    Outlet("Global Times", "newspaper", "CN", "https://www.globaltimes.cn"),
    Outlet("The Hindu", "newspaper", "IN", "https://www.thehindu.com"),
    Outlet("Nikkei Asia", "magazine", "JP", "https://asia.nikkei.com"),
    Outlet("Institute for the Study of War", "think_tank", "US", "https://www.understandingwar.org", ("ISW",)),
    Outlet("Atlantic Council", "think_tank", "US", "https://www.atlanticcouncil.org"),
    Outlet("Chatham House", "think_tank", "GB", "https://www.chathamhouse.org"),
    Outlet("RUSI", "think_tank", "GB", "https://www.rusi.org", ("Royal United Services Institute",)),
    Outlet("Carnegie Endowment for International Peace", "think_tank", "US", "https://carnegieendowment.org", ("Carnegie",)),
    Outlet("CSIS", "think_tank", "US", "https://www.csis.org", ("Center for Strategic and International Studies",)),
    Outlet("Brookings Institution", "think_tank", "US", "https://www.brookings.edu", ("Brookings",)),
    Outlet("War on the Rocks", "online", "US", "https://warontherocks.com"),
)


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form used to compare names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


_BY_NAME = {fold(alias): outlet for outlet in OUTLETS for alias in (outlet.name, *outlet.aliases)}


def find_outlet(name: str) -> Outlet | None:
    return _BY_NAME.get(fold(name))
