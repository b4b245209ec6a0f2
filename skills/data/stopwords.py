"""Words that say nothing about a skill, for the languages without a lexicon of their own
(French has a fuller list in ``expressions_fr``)."""

STOPWORDS: dict[str, tuple[str, ...]] = {
    "en": tuple(
        """
        a about after again all also am an and any are as at be been before being both but by
        can could did do does doing done during each every few for from had has have having he
        her here hers him his how i if in into is it its just me more most my myself no nor not
        now of off on once only or other our ours out over own same she should so some such than
        that the their theirs them then there these they this those through to too under until
        up very was we were what when where which while who whom why will with would you your
        yours get got lot lots really thing things stuff
        """.split()
    ),
    "es": tuple(
        """
        a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el
        ella ellas ellos en entre era eran es esa esas ese eso esos esta estaba estado estan
        estar este esto estos fue fueron ha habia han hasta hay la las le les lo los mas me mi
        mis mucho muy nada ni no nos nosotros o os otra otro para pero poco por porque que quien
        se ser si sin sobre son su sus tambien te tengo tiene todo todos tu tus un una uno unos y
        ya yo
        """.split()
    ),
}
