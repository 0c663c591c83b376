"""ISO 9001:2015 requirements as audit questions (lista pytań kontrolnych), by clause.

A clause not listed takes the question of its nearest listed parent (8.4.2 -> 8.4).
"""

from __future__ import annotations

QUESTIONS: dict[str, str] = {
    "4": "Czy urząd określił swój kontekst, strony zainteresowane, zakres i procesy SZJ?",
    "4.1": "Czy czynniki zewnętrzne i wewnętrzne (w tym decyzja o znaczeniu zmiany klimatu) "
    "są określone, monitorowane i przeglądane?",
    "4.2": "Czy określono strony zainteresowane i ich wymagania oraz czy informacje o nich "
    "są monitorowane i przeglądane?",
    "4.3": "Czy zakres SZJ jest udokumentowany, a niestosowanie wymagań uzasadnione?",
    "4.4": "Czy procesy mają określone wejścia, wyjścia, właściciela, mierniki, zasoby, "
    "ryzyka i czy są oceniane i doskonalone?",
    "5": "Czy kierownictwo przewodzi SZJ i bierze za niego odpowiedzialność?",
    "5.1": "Czy kierownictwo wykazuje przywództwo i zaangażowanie w SZJ (polityka, cele, "
    "zasoby, przeglądy, komunikacja)?",
    "5.1.2": "Czy wymagania klientów i mające zastosowanie przepisy są określane, rozumiane "
    "i spełniane, a zadowolenie klienta jest w centrum uwagi?",
    "5.2": "Czy Polityka Jakości jest aktualna, zakomunikowana, zrozumiana i dostępna dla "
    "stron zainteresowanych?",
    "5.3": "Czy role, odpowiedzialności i uprawnienia w SZJ są przypisane, zakomunikowane "
    "i zrozumiane?",
    "6": "Czy urząd planuje SZJ z uwzględnieniem ryzyk, szans i celów jakości?",
    "6.1": "Czy ryzyka i szanse procesu są zidentyfikowane, a zaplanowane działania wdrożone "
    "i ocenione?",
    "6.2": "Czy cele jakości są mierzalne, monitorowane, zakomunikowane i czy zaplanowano, "
    "kto, kiedy i jakimi zasobami je zrealizuje?",
    "6.3": "Czy zmiany w SZJ są planowane i wprowadzane w sposób nadzorowany?",
    "7": "Czy zapewniono zasoby, kompetencje, świadomość, komunikację i nadzór nad "
    "udokumentowanymi informacjami?",
    "7.1": "Czy określono i zapewniono zasoby potrzebne do realizacji procesu?",
    "7.1.2": "Czy zapewniono pracowników niezbędnych do skutecznej realizacji procesu?",
    "7.1.3": "Czy infrastruktura (budynki, sprzęt, systemy teleinformatyczne) jest utrzymywana?",
    "7.1.4": "Czy środowisko pracy sprzyja realizacji procesu?",
    "7.1.5": "Czy zasoby do monitorowania i pomiarów są właściwe i nadzorowane?",
    "7.1.6": "Czy wiedza potrzebna w procesie jest określona, utrzymywana i dostępna?",
    "7.2": "Czy kompetencje pracowników są określone, zapewnione (szkolenia) i udokumentowane?",
    "7.3": "Czy pracownicy znają Politykę Jakości, cele jakości i skutki niespełnienia wymagań?",
    "7.4": "Czy ustalono, co, kiedy, z kim i w jaki sposób komunikuje się wewnątrz i na "
    "zewnątrz urzędu?",
    "7.5": "Czy udokumentowane informacje procesu są aktualne, zatwierdzone, dostępne "
    "i nadzorowane?",
    "7.5.1": "Czy urząd utrzymuje udokumentowane informacje wymagane przez normę i potrzebne "
    "do skuteczności SZJ?",
    "7.5.2": "Czy dokumenty mają identyfikację, właściwy format i są przeglądane "
    "i zatwierdzane przed wydaniem?",
    "7.5.3": "Czy dokumenty i zapisy są dostępne, chronione, przechowywane zgodnie z JRWA, "
    "a nieaktualne wycofane z użycia?",
    "8": "Czy działania operacyjne są planowane, realizowane i nadzorowane?",
    "8.1": "Czy realizacja usług jest zaplanowana i nadzorowana (kryteria, zasoby, zapisy)?",
    "8.2": "Czy wymagania dotyczące usług są określane, przeglądane i komunikowane klientom?",
    "8.2.1": "Czy klienci otrzymują informacje o usługach (karty usług), a ich zapytania, "
    "opinie i skargi są przyjmowane i obsługiwane?",
    "8.3": "Czy projektowanie usług (jeżeli ma zastosowanie) jest planowane i nadzorowane?",
    "8.4": "Czy dostawcy zewnętrzni są wybierani, oceniani i nadzorowani, a wyniki ocen "
    "zapisywane?",
    "8.5": "Czy usługi są świadczone w warunkach nadzorowanych?",
    "8.5.1": "Czy sprawy są załatwiane w warunkach nadzorowanych: według aktualnych "
    "procedur, kart usług, w terminach i przez kompetentne osoby?",
    "8.5.2": "Czy sprawy i dokumenty są jednoznacznie identyfikowane (znak sprawy, rejestry) "
    "i czy zapewniono identyfikowalność?",
    "8.5.3": "Czy dokumenty i dane osobowe powierzone przez klientów są chronione, a ich "
    "utrata lub uszkodzenie zgłaszane klientowi?",
    "8.5.5": "Czy działania po wykonaniu usługi (np. odwołania, sprostowania) są realizowane?",
    "8.5.6": "Czy zmiany w realizacji usług są przeglądane i nadzorowane?",
    "8.6": "Czy przed wydaniem rozstrzygnięcia lub dokumentu sprawdza się spełnienie "
    "wymagań i czy zapis wskazuje osobę, która je zatwierdziła?",
    "8.7": "Czy usługi niezgodne są identyfikowane, korygowane i ewidencjonowane?",
    "9": "Czy urząd monitoruje, mierzy, analizuje i ocenia działanie SZJ?",
    "9.1": "Czy określono, co, jak i kiedy jest monitorowane i mierzone?",
    "9.1.1": "Czy mierniki procesu są mierzone, a wyniki analizowane i porównywane "
    "z wartościami docelowymi?",
    "9.1.2": "Czy monitoruje się zadowolenie klientów (ankiety, skargi, opinie) i czy wyniki "
    "są analizowane?",
    "9.1.3": "Czy wyniki monitorowania i pomiarów są analizowane i wykorzystywane do oceny "
    "skuteczności SZJ?",
    "9.2": "Czy audity wewnętrzne są prowadzone według programu przez bezstronnych "
    "i kompetentnych auditorów, a wyniki raportowane?",
    "9.3": "Czy przegląd zarządzania odbywa się w zaplanowanych odstępach i obejmuje "
    "wszystkie wymagane dane wejściowe?",
    "10": "Czy urząd doskonali SZJ i reaguje na niezgodności?",
    "10.1": "Czy szanse doskonalenia są określane, a działania doskonalące wdrażane?",
    "10.2": "Czy niezgodności są korygowane, ich przyczyny analizowane, a działania "
    "korygujące wdrażane i oceniane pod względem skuteczności?",
    "10.3": "Czy wyniki analiz, auditów i przeglądów są wykorzystywane do ciągłego doskonalenia?",
}


def question_for(clause: str) -> str:
    """The audit question for a clause (or its nearest listed parent)."""
    parts = clause.split(".")
    while parts:
        key = ".".join(parts)
        if key in QUESTIONS:
            return QUESTIONS[key]
        parts.pop()
    return f"Czy wymagania pkt {clause} normy ISO 9001 są spełnione w auditowanym obszarze?"
