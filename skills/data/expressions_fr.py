# ruff: noqa: E501 (one skill per line, with its ESCO label)
"""The product's own French data for skill suggestions: what a counsellor hears every day.

- ``STOPWORDS``: words that say nothing about a skill.
- ``SPELLING``: exact word forms rewritten before anything else (SMS spelling, abbreviations,
  past participles the lemmatiser does not know). Keys and values are accent-free.
- ``SYNONYMS``: slang or everyday words and the word the taxonomy uses, matched on stems, so
  every inflection follows ("bossais", "bossé" -> "travailler").
- ``SKILLS``: the skills referenced below, by a short readable name; ESCO URIs (the ESCO
  French label in the comment) or the starter taxonomy's own.
- ``ACTIVITIES``: everyday activities, each as trigger phrases and the skills it shows, best
  first. A trigger fires when all its meaningful words are in the text, in any order and
  any inflection ("garder petit frère" fires on "je gardais mes petits frères").

A word written ``=word`` in a trigger is matched whole (lemmatised, not stemmed): stemming
makes "animateur" and "animer", "aidant" and "aider" the same word.

Write triggers the way youths say things, and keep each activity general: it must serve every
youth who did it, not one sentence of the test set.
"""

STOPWORDS = """
a à ai aie aient ais ait as au aux avaient avais avait avec avez avions avoir avons ayant
c ça ca car ce ceci cela celle celles celui ces cet cette ceux chaque chez ci comme comment
d da dans de des du elle elles en encore es est et etaient etais etait etant ete etes etre eu
eux faut fois fut ici il ils j je jusqu l la le les leur leurs lui m ma mais me meme mes moi
mon n ne ni nos notre nous on ont ou où par parce pas peu peut plus pour pourquoi qu quand que
quel quelle quelles quels qui quoi s sa sans se ses si sien soi soit son sont sous suis sur t
ta te tes toi ton tous tout toute toutes tres trop tu un une unes uns vers voila vos votre
vous y
alors aussi beaucoup bien deja donc enfin ensuite genre juste trop vraiment toujours souvent
parfois jamais rien quelque quelques plusieurs autre autres certains certaines
lundi mardi mercredi jeudi vendredi samedi dimanche semaine semaines mois an ans annee annees
jour jours soir soirs matin matins fois week weekend end
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
ete hiver printemps automne vacances
avant apres pendant depuis entre contre selon
lol mdr ptdr wsh wesh frr bref bah ben euh voila stp svp
""".split()

SPELLING = {
    # SMS spelling and contractions
    "g": "j ai",
    "jai": "j ai",
    "jgarde": "je garde",
    "chui": "je suis",
    "chuis": "je suis",
    "jsuis": "je suis",
    "jsui": "je suis",
    "ct": "c etait",
    "cetait": "c etait",
    "ke": "que",
    "k": "que",
    "ki": "qui",
    "koi": "quoi",
    "kwa": "quoi",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pcq": "parce que",
    "pck": "parce que",
    "bcp": "beaucoup",
    "tjr": "toujours",
    "tjrs": "toujours",
    "ds": "dans",
    "pr": "pour",
    "ac": "avec",
    "avc": "avec",
    "qd": "quand",
    "kan": "quand",
    "qnd": "quand",
    "mm": "meme",
    "tt": "tout",
    "tte": "toute",
    "ts": "tous",
    "o": "au",
    "oci": "aussi",
    "ossi": "aussi",
    "dc": "donc",
    "ya": "il y a",
    "jpeux": "je peux",
    "jfais": "je fais",
    "jfai": "je fais",
    "fai": "fais",
    "fe": "fais",
    "fo": "faut",
    "vrmt": "vraiment",
    "msg": "message",
    "msgs": "messages",
    "ptit": "petit",
    "pti": "petit",
    "ptits": "petits",
    "ptite": "petite",
    "ptites": "petites",
    "bb": "bebe",
    "bbs": "bebes",
    "dla": "de la",
    "dle": "de le",
    "jlai": "je l ai",
    "jles": "je les",
    "jleur": "je leur",
    # Abbreviations
    "tel": "telephone",
    "tels": "telephones",
    "ordi": "ordinateur",
    "ordis": "ordinateurs",
    "pc": "ordinateur",
    "pcs": "ordinateurs",
    "resto": "restaurant",
    "restos": "restaurants",
    "restau": "restaurant",
    "rdv": "rendezvous",
    "rendez vous": "rendezvous",
    "asso": "association",
    "assos": "associations",
    "insta": "instagram",
    "ig": "instagram",
    "appart": "appartement",
    "apparts": "appartements",
    "exo": "exercice",
    "exos": "exercices",
    "entrainmt": "entrainement",
    "ado": "adolescent",
    "ados": "adolescents",
    "mcdo": "mcdonalds",
    "macdo": "mcdonalds",
    "mcdonald": "mcdonalds",
    "bk": "burger king",
    "babysitting": "baby sitting",
    "babysitter": "baby sitter",
    "babysit": "baby sitting",
    "colo": "colonie",
    "colos": "colonies",
    "anim": "animation",
    "info": "informatique",
    "prof": "professeur",
    "profs": "professeurs",
    "sono": "sonorisation",
    "frigo": "refrigerateur",
    "frigos": "refrigerateurs",
    "aprem": "apres midi",
    "manif": "manifestation",
    "compet": "competition",
    "compets": "competitions",
    "foot": "football",
    "hand": "handball",
    "basket": "basketball",
    # Past participles and forms the lemmatiser leaves alone
    "tenu": "tenir",
    "tenue": "tenir",
    "tenus": "tenir",
    "rendu": "rendre",
    "conduit": "conduire",
    "cuit": "cuire",
    "ecrit": "ecrire",
    "ouvert": "ouvrir",
    "cousu": "coudre",
    "cousus": "coudre",
    "inscrit": "inscrire",
}

SYNONYMS = {
    # Work
    "boulot": "travail",
    "taf": "travail",
    "turbin": "travail",
    "bosser": "travailler",
    "taffer": "travailler",
    "charbonner": "travailler",
    # People
    "gosse": "enfant",
    "gamin": "enfant",
    "gamine": "enfant",
    "môme": "enfant",
    "minot": "enfant",
    "marmot": "enfant",
    "petiot": "enfant",
    "reuf": "frère",
    "reus": "sœur",
    "daron": "père",
    "daronne": "mère",
    "papi": "grand-père",
    "papy": "grand-père",
    "mamie": "grand-mère",
    "mamy": "grand-mère",
    "pote": "ami",
    "poto": "ami",
    "meuf": "femme",
    "keum": "homme",
    "vieux": "âgé",
    # Things
    "thune": "argent",
    "oseille": "argent",
    "fric": "argent",
    "bouffe": "nourriture",
    "bouffer": "manger",
    "fringue": "vêtement",
    "sape": "vêtement",
    "scoot": "scooter",
    "bécane": "moto",
    "mobylette": "cyclomoteur",
    "mob": "cyclomoteur",
    "cuistot": "cuisinier",
    "tchatcher": "parler",
    "kiffer": "aimer",
}

_ESCO = "http://data.europa.eu/esco/skill/"

#: ESCO skills by a short readable name: the id at the end of the URI, and ESCO's French label.
_ESCO_SKILLS = {
    "stocks": "ab6265f2-a9bf-49e8-a9a5-67cbab4de38b",  # gérer des stocks
    "niveau_stocks": "44f6a65f-6be7-4818-9a66-73908797283f",  # surveiller le niveau de stocks
    "stocker_produits": "f675d28f-9e1f-4938-ae49-c1d07f902fed",  # stocker des produits
    "tableur": "1973c966-f236-40c9-b2d4-5d71a89019be",  # utiliser un tableur
    "traitement_texte": "81633a44-f1db-4a01-a940-804c6905e330",  # utiliser un logiciel de traitement de texte
    "presentation_logiciel": "234aeb8d-56c3-4531-9193-1c5e6a8d16cb",  # utiliser un logiciel de présentation
    "accueillir_clients": "26a6e6d2-1c9a-4d7e-8c04-5ba16d1f53da",  # accueillir les clients
    "communiquer_clients": "0da516ee-e70e-4384-be13-f5ff80be8127",  # communiquer avec des clients
    "empathie": "77b636e8-fab3-41a8-8022-1e0a354059dc",  # faire preuve d'empathie
    "reagir_empathie": "996243ee-543f-4c36-a31a-e0f2403c0c5d",  # réagir avec empathie
    "ecouter": "a17286c5-238d-4f0b-bc24-29e9121345de",  # écouter activement
    "equipe": "60c78287-22eb-4103-9c8c-28deaa460da0",  # travailler en équipe
    "soutenir_collegues": "95a41cf5-4037-4c96-91a8-c34b41637224",  # soutenir ses collègues
    "services_caritatifs": "149274a7-4c6e-436f-9607-ec7135a615b2",  # proposer des services caritatifs
    "aide_humanitaire": "05a7f9e0-1ebd-4853-890b-c78f37096d51",  # fournir une aide humanitaire
    "collecte_fonds": "526a0eaa-2bee-4e80-989f-cb36f9fbee47",  # effectuer des activités de collecte de fonds
    "persuader": "6e04cc9f-d409-49f0-9224-d9cb32e83631",  # persuader d'autres personnes
    "engagements": "113b4428-0a31-4199-8496-070af7854b91",  # respecter ses engagements
    "fiable": "25e16679-a7d0-464d-916c-63210001bbab",  # agir de manière fiable
    "gerer_temps": "d9013e0e-e937-43d5-ab71-0e917ee882b8",  # gérer le temps
    "babysitting": "a6354281-5578-46ac-a9db-d179d9962b98",  # baby-sitting
    "superviser_enfants": "f8d4a24c-fb62-444e-9525-7aa5662f440d",  # superviser des enfants
    "besoins_enfants": "beb952e4-8a9c-47af-8a60-c6eb5c5f25bc",  # répondre aux besoins physiques de base d'enfants
    "jouer_enfants": "94b01483-f13d-48ba-b8a9-ef8f18fcb2dc",  # jouer avec des enfants
    "devoirs": "12efe5f2-f7ec-4f03-b359-afba5b9f62de",  # aider des enfants à faire leurs devoirs
    "instruire": "699e7c26-6502-4e78-a823-3656ff5a5b8b",  # instruire autrui
    "activites_jeunes": "114f2179-b625-4333-b9f9-fe6a846a7c36",  # planifier des activités pour des jeunes
    "communiquer_jeunes": "b5af495b-61f1-4330-9891-dca56d97d714",  # communiquer avec des jeunes
    "periscolaire": "77eda69d-ddf6-40ca-b66f-870ea996734d",  # assurer l'accueil périscolaire
    "cour_recreation": "b1d75e36-64d3-4000-bd9c-14899bea87e2",  # surveiller la cour de récréation
    "interculturel": "c10d5d87-36cf-42f5-8a12-e560fb5f4af8",  # faire preuve de compétences interculturelles
    "diversite": "4e2ce047-1912-468f-8c04-ab7374c4a761",  # favoriser la diversité culturelle
    "adapter_changement": "49de9958-2aa4-4eef-a89d-fe5d5bcd28c4",  # s'adapter au changement
    "coacher_jeunes": "87439d9b-b537-4f90-a00a-3ec3bbfec5d1",  # coacher des jeunes
    "organiser_entrainements": "90e8f54b-064f-4721-8ccc-b5f61968b227",  # organiser des entraînements
    "seance_entrainement": "108ac398-6a84-454a-b56c-8bb0dee1bbf2",  # préparer une séance d'entraînement
    "motiver": "e2d44a9b-f28c-489e-9861-b654b5ded507",  # motiver d'autres personnes
    "coach_competition": "a5bcb999-ca8d-4b36-afa7-238a14af5888",  # intervenir en tant que coach pendant une compétition sportive
    "pratiquer_sports": "e0ab7e9a-4f38-4077-bf5f-a65ec483d5ce",  # pratiquer des sports
    "entrainement_sportif": "15277ff0-0308-486d-aeba-359774fc6a70",  # participer à un entraînement sportif
    "evenements_sportifs_participer": "3d102bed-1232-43f7-9ae3-f672a1798f90",  # participer à des évènements sportifs
    "persister": "f60b0a50-2e7b-46f8-9b9c-2809b10991f9",  # persister
    "gerer_evenements_sportifs": "1d4c7049-6aa2-4e88-aeab-54fedaf14911",  # gérer des événements sportifs
    "planifier_evenements": "a4b7f1be-7058-45e4-ac90-66580499187f",  # planifier des évènements
    "coordonner_evenements": "2111dff8-f830-46ad-80ce-7885893b3134",  # coordonner des évènements
    "evenements_speciaux": "aea9e7b9-53a3-4f03-9d9c-4ef6c383403a",  # organiser des évènements spéciaux
    "promouvoir_evenement": "28c5e844-72a3-49d7-af0e-810b645e947a",  # promouvoir un évènement
    "servir_boissons": "beeaddc7-fe69-4b97-a286-0bd595432eb9",  # servir des boissons
    "encaisser": "798d60b0-b089-4035-94b2-a26386aa7d5a",  # encaisser les paiements
    "personnes_agees": "261e740b-d32d-4356-94a8-3ea29128b70b",  # s’occuper de personnes âgées
    "besoins_ages": "634865e0-2ec2-4b7f-bb7f-c196637f0f7b",  # besoins des adultes âgés
    "patience": "1bb3a4b7-c0e4-434a-850d-0d2874a9c251",  # faire preuve de patience
    "activites_loisirs": "f18bb25a-2e7b-499d-89d6-b5896d047a01",  # proposer des activités de loisirs
    "programmes_recreatifs": "c5111560-0140-48bc-8475-0638a8cc852f",  # élaborer des programmes récréatifs
    "accompagner_personnes": "ab89ad86-1098-44bb-9465-05af5624557c",  # accompagner des personnes
    "fixer_rdv": "906c9e66-bdee-4f8e-93d7-88d9fcf39a0a",  # fixer des rendez-vous
    "gerer_rdv": "933e7ccf-5d56-46ba-aca4-857f826a6b3a",  # gérer des rendez-vous
    "habiller": "497b85db-c3ba-4d41-bc90-c2fd72eaa899",  # aider une personne à s’habiller
    "hygiene_personnelle": "0e21e183-e787-4f23-a240-93b416c088c2",  # respecter les normes d’hygiène personnelle
    "autonomie_patients": "6f2ac3e9-859e-442e-91fd-2db1a2bc8467",  # aider des patients à être autonomes dans leurs activités quotidiennes
    "aide_domicile_handicap": "1e0ed685-0696-405d-bfa3-dd6ab3751baf",  # apporter une aide à domicile aux personnes handicapées
    "soins_handicap": "54411e8e-d62f-46d8-b87b-fce23f8e3bc8",  # soins aux personnes handicapées
    "charges_lourdes": "ab2bb44a-3956-4028-8715-8b70b1960b99",  # soulever des charges lourdes
    "deplacer_charges": "3ab2b4be-e304-4c3c-98f5-ce0620218bc6",  # aider à déplacer des charges lourdes
    "emballer": "667cbbaf-f377-46d8-8f2d-1f6d8a55d74a",  # emballer des articles
    "charger_cargaison": "048affec-04db-4bd5-b7a6-c666d16c0fef",  # charger une cargaison
    "decharger_cargaison": "042f91e3-cccc-4d51-b635-bb14ffe90cfc",  # décharger une cargaison
    "decharger_fournitures": "2ce49caf-8d84-4aa1-b0be-5d4d8de0532a",  # décharger des fournitures
    "assembler_meubles": "fb370da8-255b-41c6-af69-ffe5676cfe62",  # assembler des meubles préfabriqués
    "materiel_entrepot": "078861f5-b901-48a5-951e-a3ad0a4fa0bd",  # utiliser le matériel d'un entrepôt
    "empiler_produits": "3d086228-d7fc-4c23-972a-22b7d44a6173",  # empiler des produits
    "palettes_lourds": "5f6c74c9-c49c-400d-bdd9-314e8bf348a1",  # charger des objets lourds sur des palettes
    "chariot_elevateur": "28cb374e-6261-4133-8371-f9a5470145da",  # utiliser un chariot élévateur
    "equipe_construction": "4fa2d6ba-4fff-4f21-bddd-4a54ae840955",  # travailler au sein d’une équipe de construction
    "materiaux_construction": "50877777-d3c3-41ac-9556-4b27e642d588",  # manipuler des matériaux de construction
    "consignes_securite": "d2d9051a-10e1-41c5-9cfb-bbdc58016176",  # respecter les consignes de sécurité dans les pratiques de travail
    "transporter_materiaux": "4af56376-7b2f-4ced-ac58-0c3967bd1e83",  # transporter des matériaux de construction
    "melanger_beton": "5cc37935-e6c9-4f28-b800-25e177e63e68",  # mélanger du béton
    "melanger_ciment": "71f300f0-9c5d-4043-b57a-223fa00d8b1e",  # agiter un mélange de ciment
    "peindre_surfaces": "b826a56a-811d-477c-b165-271729f644a4",  # peindre des surfaces
    "preparer_surface_peinture": "7d2a1c45-fae0-4bd6-b570-c668c9d4eda7",  # préparer une surface pour peindre
    "materiel_peinture": "b45cda99-dbbc-4fde-8844-3e3821f523ee",  # utiliser du matériel de peinture
    "plaques_platre": "fd8a3c14-fe25-4490-a85d-0215d0a5aa6f",  # poser des plaques de plâtre
    "platrer": "20f56226-24ed-495f-8bf5-0b2aa6413ba1",  # plâtrer des surfaces
    "demolir": "a68d4de0-99a3-4c26-b84a-040e706e4714",  # démolir des structures
    "techniques_demolition": "2d7b7e10-b33b-489b-9c2e-350c3be162e7",  # techniques de démolition
    "gravats": "976e2f7c-e369-442a-b51c-6fda4dd5210d",  # enlever des gravats
    "trier_dechets": "110d7aa3-e44e-4cce-a927-8d4de615f3d9",  # trier les déchets
    "poser_carrelage": "504d99c7-395b-479c-815b-2f77ef769e75",  # poser du carrelage
    "monter_echafaudage": "91991706-cd8e-4795-9784-715fc0250c8d",  # monter un échafaudage
    "travail_manuel_autonome": "e97733e8-5bf1-4c21-93c4-8bebbdabc394",  # réaliser un travail manuel de manière autonome
    "problemes_techniques": "14832d87-2f2f-4895-b290-e4760ebae42a",  # résoudre des problèmes techniques
    "conduire_vehicules": "2a82241a-216e-44d8-bb50-6b9a0ef82084",  # conduire des véhicules
    "regles_circulation": "1efe7dcb-ebdc-4410-bf21-1ebd9e590044",  # respecter les règles de circulation
    "conduire_ville": "2815f65d-6adb-46a6-8041-5768febf5580",  # conduire en milieu urbain
    "deux_roues": "e7f63440-6007-486b-948f-ea124839c418",  # conduire des véhicules à deux roues
    "reparer_motos": "ac6e266a-5362-4690-8937-b71a2d9311d1",  # effectuer la réparation de motos
    "reparer_moteurs": "1bc7c69b-4292-4592-b854-f48165a06082",  # réparer des moteurs
    "diagnostiquer_moteurs": "68162174-68c3-4601-840b-5e63c2dd7481",  # diagnostiquer des moteurs défectueux
    "dysfonctionnements_moteurs": "7d4d1dae-bcba-47e8-9409-ea52b02ce246",  # détecter des dysfonctionnements des moteurs
    "remplacer_pneus": "202d0d2b-f6b9-48fe-b70e-cff49fa1d087",  # remplacer des pneus
    "freinage": "534e2ade-f9dd-470c-a56f-97d2cc896468",  # entretenir des systèmes de freinage
    "manuels_reparation": "6561c8e7-3851-4878-bcf4-d2ffd63d835e",  # utiliser des manuels de réparation
    "reparer_velos": "fab8e95a-448d-4784-aa50-9ef10e924829",  # réparer des bicyclettes
    "regler_velos": "1f9cd253-7d74-45a2-acf6-0bd2354aed2f",  # régler des bicyclettes
    "reparer_vehicules": "65155435-1c5b-41ee-8812-e0b9b03ae480",  # effectuer la réparation de véhicules
    "depannage": "334e3e49-fb02-4051-809a-f06adfdc1c40",  # effectuer un dépannage
    "reseaux_sociaux": "5303169c-75d6-4751-9136-a4b88343388c",  # gestion des réseaux sociaux
    "contenus_numeriques": "5fd5c985-eaaa-47aa-8314-62359c54505a",  # élaborer des contenus numériques
    "contenu_en_ligne": "c1f29568-f2bb-49d2-b6c2-28748bd1629b",  # gérer du contenu en ligne
    "marketing_reseaux": "64e09849-a7db-4d6b-a932-66264420eb97",  # appliquer le marketing des médias sociaux
    "identite_numerique": "bc0b0b5d-f6be-405a-b224-b6902a4dbe97",  # gérer une identité numérique
    "communications_en_ligne": "52e3507b-1cad-409f-9146-3c5e2afe7df9",  # gérer des communications en ligne
    "moderation": "c9b6aa32-6c42-4903-8e5a-23e43edf03fc",  # techniques de modération en ligne
    "montage_video": "5ce80f97-b385-4a41-9339-a6593d0709c1",  # effectuer un montage vidéo
    "camera": "10cade4f-df4d-4408-8924-5994976fc798",  # utiliser une caméra
    "photos": "441da17f-5560-43d3-920e-2865931c96d2",  # prendre des photos
    "retoucher_photos": "df11ab22-3c40-4dc8-ab0c-e9f41e62449e",  # retoucher des photographies
    "coiffer": "0b6c4174-a862-480d-8d55-44f7cf7ac365",  # coiffer les cheveux
    "style_coiffure": "dea0250b-edf7-473e-bc12-b7869c19bdd5",  # concevoir un style de coiffure
    "ustensiles_coiffure": "5f27371a-1cf3-4a81-9faf-12fab80cb3e1",  # utiliser des ustensiles de coiffure
    "coiffure": "d2c5d356-43d9-4118-827c-6801e32a452a",  # coiffure
    "problemes_capillaires": "a9085ca4-a832-4d2e-818a-d84257295053",  # aider des clients ayant des problèmes capillaires
    "produits_capillaires": "efb0eff5-ca8d-4638-b119-0c14a953f77c",  # produits capillaires
    "maquiller": "0d3a68b7-0f9c-427e-b5ca-d03ff5808eae",  # maquiller les clients
    "manucure": "8afc36b7-9a70-44cb-95df-6625e76ca89d",  # faire une manucure
    "vendre_produits": "29a50780-f81b-429c-b410-7f23a492e19d",  # vendre des produits
    "conseiller_clients": "00ff06cc-103f-4c85-b5df-6f75acff6abf",  # conseiller des clients
    "satisfaction_clients": "00e53a0a-c0ba-4c9f-a2ed-4706d5832a00",  # garantir la satisfaction des clients
    "compter_argent": "42cad89f-afd4-4418-8439-8ce87eff1f26",  # compter de l'argent
    "traiter_paiements": "bdcac0c8-b77a-4640-9eaf-c0cf3efd1e23",  # traiter les paiements
    "peser_fruits_legumes": "52dcd5c5-b9d4-4055-a282-60c232965670",  # peser des fruits et légumes
    "peser_marchandises": "81eacdc3-5f23-4236-b936-2e578b7e936c",  # peser des marchandises
    "occasion": "d38f2c46-d887-4ba5-a69b-92b613f75b22",  # vendre des produits d'occasion
    "negocier_prix": "7ee9fb56-91b1-4363-b51f-ea54ae1b5761",  # négocier les prix
    "commerce_electronique": "b1272de4-1f5f-408b-8b26-061f2550fc72",  # systèmes de commerce électronique
    "proprete_magasin": "57c1debf-3867-4e64-baf8-ce70d84f88c9",  # préserver la propreté du magasin
    "remplir_rayons": "7e9daad3-8604-4839-af9b-dc6f8db3ef68",  # remplir des rayons
    "etiquettes_rayons": "119fe928-401d-4254-9273-dd1c171fe84e",  # changer les étiquettes des rayons
    "prix_rayons": "a5e51fb1-b3b6-49fd-8deb-f96c4d46da81",  # vérifier l'exactitude des prix dans les rayons
    "caisse_enregistreuse": "0cb013af-6dd9-4fb2-b34e-63dda1a5cf82",  # utiliser une caisse enregistreuse
    "tenir_caisse": "3982571a-e9ce-442a-a4a0-fdfc97727091",  # tenir une caisse
    "commandes_expedition": "ee5e2297-39cc-4ed6-89e5-d58016118a7f",  # préparer des commandes en vue de leur expédition
    "stocker_entrepot": "e883d55a-75ae-460b-ba0a-47fecf14f1b3",  # stocker les marchandises d'un entrepôt avec précision
    "appareils_portatifs": "20ba084f-129c-4c5e-b39f-539913e0acc4",  # utiliser des appareils portatifs
    "gps": "6efef9df-ac86-45ca-8b1b-a8178ef17b5c",  # résoudre les problèmes de localisation et de navigation à l'aide d'outils GPS
    "autonome": "c29aa9d2-4da8-4bdd-831c-8d4a2fb51730",  # travailler de manière autonome
    "nettoyage": "4f1b6304-f54a-42f0-9604-5427a28d240f",  # effectuer des tâches de nettoyage
    "nettoyer_sols": "a2cd3b30-2d6c-473e-a5d4-4e7cb576babe",  # nettoyer les sols d’un bâtiment
    "nettoyer_surfaces": "6ff01827-907d-43d8-b6e4-7162c1cf0aca",  # nettoyer les surfaces
    "toilettes": "58a15a33-2b41-4a7e-bb8a-777328b5d82a",  # maintenir la propreté dans des toilettes
    "produits_nettoyage": "51a26193-9abe-4bce-9108-f50835be1c35",  # manipuler les produits chimiques de nettoyage
    "machine_sols": "2ed98048-bf2f-47e5-a0de-fd23d6abe2f6",  # utiliser une machine de nettoyage des sols
    "laver_vaisselle": "c662be22-f17a-4ba0-894f-d720b20c44cf",  # laver la vaisselle
    "lave_vaisselle": "f20aedf0-6543-498d-b88e-0a32e604acbb",  # faire fonctionner une machine à laver la vaisselle
    "hygiene_travail": "6816e28f-a48d-41c7-8492-309f50c049fc",  # suivre des pratiques de travail hygiéniques
    "nettoyer_zone_repas": "c747ab82-9c35-4bf6-ab90-b50b9a53d292",  # nettoyer la zone de préparation des repas
    "equipe_restauration": "58287dcf-66a1-4023-b35b-b859242162aa",  # travailler dans une équipe de restauration
    "normes_alimentaires": "0ff99f51-40d9-42f1-a1ec-377b2bb5e15f",  # respecter les normes de santé  sécurité et hygiène et les autres législations relatives aux aliments
    "techniques_cuisson": "f3934441-4bff-4076-9945-e6c51a01c467",  # utiliser des techniques de cuisson
    "decoupe_aliments": "c42d2a2a-2f55-45ac-beb1-0a8a76412457",  # utiliser des outils de découpe de denrées alimentaires
    "preparer_legumes": "73b97efd-49fe-49d7-89dd-444f870cd210",  # préparer des légumes à utiliser dans un plat
    "desserts": "a78b60d6-6cde-4da6-9c48-39bc7396ab16",  # préparer des desserts
    "sandwiches": "493a1805-6caa-4cda-8fd3-6495ec8ea451",  # préparer des sandwiches
    "pizzas": "298ead56-f11b-4c5d-a4d9-282f7a1489b6",  # préparer des pizzas
    "commandes_clients": "704bed2c-737a-4585-b840-1d28bbcab9b4",  # enregistrer les commandes de plats et de boissons des clients
    "servir_table": "42a6eff0-e9d9-423d-877b-e48fe91ff26f",  # servir des plats à table
    "accueillir_restaurant": "99b95aca-221d-415c-9de5-564e1a273701",  # accueillir des clients du restaurant
    "mettre_tables": "906d21c9-7a9c-4919-817d-10676f9ddfe4",  # mettre en place les tables
    "couverts": "113d5db5-4fb4-418c-a4e0-2f01a71b26a1",  # préparer les couverts
    "espaces_clientele": "52eadbe6-db74-421a-a7f1-356567dc8248",  # nettoyer les espaces réservés à la clientèle
    "pression": "7a147904-22b3-498a-b4d9-7bceeb86b45d",  # supporter la pression
    "ferme_autonome": "dc3421a2-e1e6-4535-a645-a0440acca9e8",  # travailler de manière autonome dans l’agriculture
    "nourrir_elevage": "5b1d43d1-e063-4d07-8ba1-6f08d4e46279",  # nourrir des animaux d’élevage
    "nourrir_animaux_compagnie": "256d1577-2a4f-4959-8aea-eb24ac0f8288",  # nourrir des animaux de compagnie
    "promener_chiens": "75f797a1-fa35-44ac-bf72-6f229c3b1561",  # fournir des services de promenade de chiens
    "traire": "cacb30e8-eb78-40bf-b664-b7a4c8a018a3",  # traire des animaux
    "conduire_engins_agricoles": "a6bbc19a-381c-4c60-a79a-41dea2d1a422",  # conduire des engins agricoles
    "engins_agricoles": "00dd3271-077f-4a12-a958-e297fdd724ce",  # faire fonctionner des engins agricoles
    "entretenir_engins_agricoles": "2c5fbce2-cd76-4ef9-83c4-3a1b9afad015",  # entretenir des engins agricoles
    "recolter": "2e4e8114-e579-453d-918e-b0262818ab76",  # récolter des cultures
    "vendanger": "06b1f593-ac31-42ba-a2cd-5d86c755b416",  # récolter du raisin
    "planter": "8ce4a4af-969b-4d1c-8bfe-891cff82f913",  # planter des végétaux
    "pelouses": "fdff4747-70f6-4f1a-8285-8d31eb3c11e1",  # entretenir des pelouses
    "materiel_pelouses": "f4b4accf-11b2-45bc-b47d-95f7cf9c569c",  # utiliser du matériel d’entretien de pelouses
    "jardinage": "8a1942a8-bebd-4cc5-bdff-fe215aaa3de5",  # utiliser du matériel de jardinage
    "haies": "51097602-8e4e-4830-8f35-d77afc713fc0",  # tailler des haies et des arbres
    "tailler_vegetaux": "af9b6098-7d2f-4990-b4eb-d7dd73fdb933",  # tailler des végétaux
    "coudre_textile": "0d207bf2-b0dd-4a36-933f-d2cd3da2933d",  # coudre des articles à base textile
    "techniques_couture": "c8d75bf4-ad0d-4f36-8cdc-265a7b044881",  # appliquer des techniques de couture
    "retoucher_vetements": "7e2f6f05-d6ef-45f3-a33c-5d6d0b07e1cf",  # retoucher des vêtements
    "couper_tissu": "a3b7b8ec-794b-4821-8c6b-465fe2c7a691",  # couper du tissu
    "jouer_instruments": "8f8a8803-dc72-4488-9991-7c7d373e01fa",  # jouer des instruments de musique
    "ensemble_musique": "79862c50-3b36-4c37-9ff6-669a54fce459",  # jouer de la musique dans un ensemble
    "jouer_public": "b983e86d-61d5-4ebf-8810-2650c91da096",  # jouer devant un public
    "improviser": "29891a32-64aa-4f64-b6eb-1fa990659375",  # improviser de la musique
    "chanter": "e50a68c5-2a5d-4815-8bd1-e4334aed7683",  # chanter
    "composer_musique": "c109d892-3665-4743-877b-2ba23834e9e0",  # composer de la musique
    "equipement_sonore": "20c6a2ec-ef98-4f95-8a16-c8006d9242ba",  # mettre en place un équipement sonore
    "verification_son": "41ce355e-1cbe-46e4-a36b-e7eb6e108bee",  # effectuer une vérification technique du son
    "son_scene": "4bd3cd7d-b061-4cc2-ba8d-3262065ebbf0",  # installer le son sur scène
    "qualite_sonore": "4fa830eb-965f-467c-9dc2-46f1fdc30875",  # gérer la qualité sonore
    "console_mixage": "72812eb6-5a0f-48e8-815d-3d2a16b8e963",  # utiliser une console de mixage audio
    "mixage_direct": "3443f825-fe5b-4f7a-80c9-968130ed0297",  # surveiller le mixage dans une situation en direct
    "reparer_tic": "b4877620-c375-45f3-a678-2ddb4dae6a29",  # réparer des appareils TIC
    "installer_os": "c330db31-7fa9-4a8c-8ad6-baa957bcfed1",  # installer un système d’exploitation
    "installer_logiciel": "c8de8023-ab8a-402b-a828-b2b57cd3b2f7",  # installer un logiciel
    "depannage_tic": "744442ac-c157-4350-8be0-ce454df4f5c5",  # procéder au dépannage des TIC
    "virus": "8359bd04-d2cb-4757-af1f-39a921df9efe",  # supprimer un virus informatique ou un logiciel malveillant d'un ordinateur
    "antivirus": "bb2b4485-2bad-402f-8517-44bf7d9afff4",  # installer un logiciel anti-virus
    "reparer_mobiles": "55cd5608-1497-4ed1-96d0-cb9494749a09",  # réparer des appareils mobiles
    "demonter_mobiles": "211e4a02-69a6-494e-b94a-93741e2a3a0b",  # démonter des appareils mobiles
    "installer_materiel_info": "3dc6fd8e-6ff7-432e-a262-04d487858efb",  # installer du matériel informatique
    "peripheriques": "ec4b8a2b-c20c-4c0f-bef0-fcc1f5f42c40",  # utiliser des périphériques TIC
    "composants_info": "487fd260-be20-4980-a8e4-b819f0b549f1",  # ajouter des composants informatiques
    "programmation": "21d2f96d-35f7-4e3f-9745-c533d2dd6e97",  # programmation informatique
    "gerer_site_web": "d04ee340-5378-4601-8181-19da6d5cbfe0",  # gérer un site web
    "utiliser_ordinateur": "1007aa13-9f18-4bcf-96f3-e108c40baf69",  # utiliser un ordinateur
    "traduire_langue": "2ca8f0db-2c2a-4d07-af6c-effb99fed08b",  # traduire une langue étrangère
    "traduire_textes": "449f0945-4943-49f9-bd98-edfdfd7c00ba",  # traduire des textes
    "traduire_oral": "aa7062ed-ebfb-4876-8fa5-a7c72c8b6ffb",  # traduire une langue parlée
    "formulaires": "8d49f760-3765-4612-8d40-a2bdd50738fe",  # remplir des formulaires
    "services_en_ligne": "d908a818-70ef-419e-9d60-8f459114cb2f",  # utiliser des services en ligne
    "billets_entree": "aa12602b-ba4c-4b6c-ae0b-9a6ec798316d",  # contrôler les billets à l’entrée d’une manifestation
    "fouille": "0d7529b6-4691-4ca2-96c1-54e478bad3dc",  # effectuer une fouille
    "gerer_public": "704fda1b-cd0a-40fe-99fc-0a24250a2010",  # gérer le public
    "acces_clients": "1b45b91c-0949-45cf-a6d8-040a62423060",  # contrôler l'accès des clients
    "appels_entrants": "5a0bffcf-4ff6-49cf-a7db-4142e63f5f04",  # répondre à des appels entrants
    "telephone": "de2f0ce8-f8d6-48c5-a213-4d065251cecf",  # communiquer par téléphone
    "reclamations": "28d715e3-3e5b-4fb6-8dd2-4be4919c8587",  # gérer les réclamations des clients
    "service_clients": "15a33d76-4640-438d-ae64-fdc0c1d3eebc",  # service clients
    "calme_stress": "49e1eb78-e6b1-4116-8e9f-f23316ee503e",  # réagir calmement dans des situations de stress
    "situations_stress": "a8460be3-f4ba-44a0-a961-0389069a3614",  # gérer les situations de stress
    "conflits": "96de2e86-e287-41f2-88ab-15a2343afc6f",  # gérer les conflits
    "volonte_apprendre": "9bf266a6-188b-4d17-a22f-2f266d76832b",  # démontrer une volonté d'apprendre
    "enthousiasme": "22b7d99d-252f-4572-8e3c-438ea87607eb",  # faire preuve d'enthousiasme
    "organise": "1258cc12-37bb-4a12-b219-9c3d6b294533",  # travailler de façon organisée
    "diriger": "75d8e5d9-bef3-418b-9011-01bff9f27207",  # diriger d'autres personnes
    "responsable": "199f7919-5114-41b6-b6a5-41e0e4896ec1",  # se montrer responsable
    "parler_public": "0c50c0cb-00d7-42a6-83e5-242fbbd8b813",  # parler en public
    "auditoire": "609a8ac1-9d29-4237-9886-596dbbe7ca8a",  # s'adresser à un auditoire
    "premiers_secours": "1d21f6ad-340f-45da-a0a3-4e83867f47a6",  # prodiguer les premiers secours
    "fr_parler": "bfb5f0b8-0ea0-4e44-a48d-7d876f966758",  # interagir verbalement en français
    "fr_comprendre": "2ce713f2-c684-4fa3-8e56-939e4bfbf4a2",  # comprendre le français parlé
    "en_parler": "0ee9e985-0ee5-4a73-8a12-78b53b261bb2",  # interagir verbalement en anglais
    "en_comprendre": "64ff8d5f-58a8-4efb-af5a-e161854b3e9a",  # comprendre l'anglais parlé
    "es_parler": "0f58a178-1382-4df2-95e8-2b3f90e80e24",  # interagir verbalement en espagnol
    "es_comprendre": "a0ccc96f-edec-4641-b053-12159ebe5b13",  # comprendre l'espagnol parlé
    "ca_parler": "bbe65f99-72a8-43a2-b227-9ce1457a8a20",  # interagir verbalement en catalan
    "ca_comprendre": "633b72c4-1da1-45ae-b989-4d1a5bcab1a7",  # comprendre le catalan parlé
    "ar_parler": "227accd5-5e70-4cc3-8f1c-3f7b52eb6848",  # interagir verbalement en arabe
    "ar_comprendre": "b22ab5e7-11e1-435e-bdab-0f8decd6a6f4",  # comprendre l'arabe parlé
    "pt_parler": "befd434f-bb74-4144-8aa6-28b903b792a0",  # interagir verbalement en portugais
    "it_parler": "b45f87e9-66ce-4212-82eb-3a55765bc512",  # interagir verbalement en italien
    "de_parler": "2abb9db5-350c-444c-8292-0e0b2ce00f9a",  # interagir verbalement en allemand
    "tr_parler": "29c954f2-ed17-4900-bba5-4cfd294f3680",  # interagir verbalement en turc
    "ro_parler": "4dfda994-f9a2-4cbd-b224-0ab036e69d6e",  # interagir verbalement en roumain
    "ru_parler": "895b3eab-d1e7-443d-8ba3-745f67462207",  # interagir verbalement en russe
    "zh_parler": "702d3840-308a-4d4a-ab61-f40f87d47fff",  # interagir verbalement en chinois
    "ber_parler": "c2cc1a0a-356e-4634-bfd8-94c5d84324ba",  # interagir verbalement en berbère
    "pl_parler": "dc052a4f-fb8e-4edb-a575-3a63ddd5b94b",  # interagir verbalement en polonais
    "uk_parler": "cda53197-9c99-404a-ac8a-d8c8550ca98d",  # interagir verbalement en ukrainien
}

SKILLS: dict[str, str] = {name: _ESCO + uuid for name, uuid in _ESCO_SKILLS.items()}

#: (triggers separated by "|", skills best first, weight). Grouped by the kind of experience.
ACTIVITIES: list[tuple[str, str, float]] = [
    # Food banks, charities, volunteering ---------------------------------------------------
    (
        "banque alimentaire | resto du coeur | restos du coeur | restau du coeur"
        "| secours populaire | secours catholique | croix rouge | epicerie solidaire"
        "| aide alimentaire | distribution alimentaire | colis alimentaire | emmaus | maraude",
        "stocks accueillir_clients equipe empathie services_caritatifs",
        1.0,
    ),
    (
        "trier dons | tri dons | trier produits | tri produits | trier vetements | tri vetements"
        "| ranger dons | ranger stock | ranger reserve | ranger produits | ranger marchandise"
        "| mettre en stock | reception marchandises | dates peremption",
        "stocks stocker_produits niveau_stocks",
        1.0,
    ),
    (
        "stock | stocks | inventaire | fiche stock | tableau stock | feuille stock",
        "stocks niveau_stocks tableur",
        0.9,
    ),
    ("tableau | tableur | excel | google sheet | feuille calcul", "tableur", 0.8),
    ("word | traitement texte | taper courrier | taper documents", "traitement_texte", 0.8),
    ("powerpoint | diaporama", "presentation_logiciel", 0.8),
    (
        "accueillir familles | accueil familles | accueillir public | accueil public"
        "| accueillir gens | accueillir personnes | accueillir beneficiaires | accueillir visiteurs"
        "| accueil visiteurs | accueillir clients | accueil clients | accueillir | accueil",
        "accueillir_clients communiquer_clients",
        1.0,
    ),
    (
        "distribuer colis | distribution colis | distribuer repas | distribution repas"
        "| distribuer nourriture | distribuer vetements | distribuer dons | servir repas",
        "services_caritatifs equipe empathie",
        1.0,
    ),
    (
        "personnes besoin | personnes difficulte | sans abri | sdf | precarite | demunis"
        "| personnes isolees | refugies | migrants",
        "empathie services_caritatifs ecouter",
        0.9,
    ),
    ("ecouter | ecoute | prendre temps parler | confier", "ecouter reagir_empathie empathie", 0.9),
    ("benevole | benevolat | volontaire", "equipe engagements", 0.5),
    (
        "collecte | collecter dons | collecter fonds | recolter fonds | recolte fonds | levee fonds"
        "| cagnotte | tombola | vente gateaux | recolter argent",
        "collecte_fonds persuader communiquer_clients",
        1.0,
    ),
    ("convaincre | persuader | argumenter", "persuader", 0.9),
    # Children: babysitting, homework, leisure centres ----------------------------------------
    (
        "baby sitting | baby sitter | nounou | garde enfant | garder enfant | garder bebe"
        "| garder petit frere | garder frere | garder soeur | garder cousin | garder neveu"
        "| garder niece | garde petit | garder petit | occuper enfant | occuper frere"
        "| occuper soeur | occuper petit | occuper bebe | occuper cousin | petit frere"
        "| petite soeur | petits freres | petites soeurs",
        "babysitting superviser_enfants besoins_enfants jouer_enfants",
        1.0,
    ),
    (
        "devoirs | aide devoirs | soutien scolaire | cours particuliers | aider lire"
        "| apprendre lire | reviser lecons",
        "devoirs instruire",
        1.0,
    ),
    (
        "bain | donner manger | faire manger | changer couches | couche | biberon | coucher"
        "| dodo | gouter | chercher ecole | recuperer ecole | sortie ecole | emmener ecole"
        "| preparer repas enfant",
        "besoins_enfants babysitting superviser_enfants",
        0.9,
    ),
    (
        "jouer enfant | jeux enfant | jouer petit | parc enfant | jeux petit | activites enfant"
        "| bricolage enfant | dessin enfant",
        "jouer_enfants superviser_enfants activites_jeunes",
        1.0,
    ),
    (
        "=animateur | =animatrice | bafa | colonie | centre loisirs | centre aere | accueil loisirs"
        "| periscolaire | cantine | veillee | veillees | camp ado | sejour enfant | mini camp",
        "activites_jeunes superviser_enfants jouer_enfants periscolaire communiquer_jeunes",
        1.0,
    ),
    (
        "atelier enfant | ateliers enfant | animer enfant | activites jeunes | ateliers jeunes"
        "| animer jeunes",
        "activites_jeunes superviser_enfants instruire",
        1.0,
    ),
    (
        "ado | ados | adolescent | jeunes quartier | maison jeunes | mjc | jeunes",
        "communiquer_jeunes activites_jeunes",
        0.6,
    ),
    (
        "animer atelier | animer ateliers | anime atelier | animation atelier | animer activite"
        "| animations | animation",
        "activites_loisirs programmes_recreatifs instruire auditoire",
        0.8,
    ),
    (
        "erasmus | echange europeen | echange jeunes | service volontaire europeen"
        "| corps europeen solidarite | sve | etranger | autre pays | interculturel",
        "interculturel diversite adapter_changement",
        1.0,
    ),
    # Sport: coaching, organising, playing -----------------------------------------------------
    (
        "=entraineur | =entraineuse | coach | coacher | =educateur sportif | encadrer equipe"
        "| encadrer jeunes | encadrer enfants | entrainer enfants | entrainer jeunes"
        "| entrainer equipe | entrainer petits | entrainer u7 | entrainer u8 | entrainer u9"
        "| entrainer u10 | entrainer u11 | entrainer u12 | entrainer u13 | entrainer u15"
        "| entrainer poussins | entrainer benjamins | entrainer debutants | entrainer minimes",
        "coacher_jeunes organiser_entrainements seance_entrainement motiver superviser_enfants",
        1.0,
    ),
    (
        "exercices | seance | seances | preparer seance | preparer entrainement | echauffement"
        "| plots",
        "seance_entrainement organiser_entrainements",
        0.7,
    ),
    ("motiver | encourager | remotiver | motive equipe", "motiver", 0.9),
    (
        "football | futsal | basket | basketball | handball | rugby | volley | boxe | judo"
        "| karate | mma | lutte | athletisme | natation | danse | gym | musculation | tennis"
        "| badminton | escalade | velo club | cyclisme | course pied | sport | club"
        "| entrainement | entrainements",
        "pratiquer_sports entrainement_sportif",
        0.6,
    ),
    (
        "competition | competitions | championnat | match | matchs | tournoi | tournois",
        "evenements_sportifs_participer pratiquer_sports",
        0.5,
    ),
    (
        "organiser tournoi | organise tournoi | organisation tournoi | gerer tournoi"
        "| tournoi organisation | planning matchs | calendrier matchs | trouver arbitres"
        "| fete club | organiser match | organiser competition | organiser stage",
        "gerer_evenements_sportifs planifier_evenements coordonner_evenements gerer_temps",
        1.0,
    ),
    ("buvette | snack stand | stand boissons", "servir_boissons encaisser", 0.8),
    ("capitaine | capitaine equipe", "diriger motiver equipe", 0.8),
    # Events ---------------------------------------------------------------------------------
    (
        "organiser soiree | organise soiree | organiser evenement | organisation evenement"
        "| organiser fete | organiser concert | organiser sortie | organiser voyage"
        "| organiser anniversaire | organiser kermesse | organiser repas | evenement"
        "| evenements | soiree association | gala | kermesse | brocante | vide grenier",
        "planifier_evenements evenements_speciaux coordonner_evenements promouvoir_evenement",
        1.0,
    ),
    (
        "affiche | affiches | flyer | flyers | tract | communication evenement",
        "promouvoir_evenement",
        0.8,
    ),
    # Older people, care, disability ------------------------------------------------------------
    (
        "ehpad | maison retraite | residence senior | residence seniors | personnes agees"
        "| personne agee | seniors | residents | foyer logement | papis mamies | grand age",
        "personnes_agees besoins_ages empathie patience",
        1.0,
    ),
    (
        "jeux societe | loto | belote | faire lecture | lecture | atelier memoire | chant"
        "| balade | promenade | animer activites | activites manuelles | gym douce",
        "activites_loisirs programmes_recreatifs",
        0.9,
    ),
    (
        "accompagner rendezvous | accompagner medecin | accompagner courses | accompagner residents"
        "| accompagner personnes | accompagne personnes | accompagner sorties | accompagnais"
        "| accompagner rdv",
        "accompagner_personnes personnes_agees",
        1.0,
    ),
    (
        "aider manger | aide repas | aider repas | aider habiller | habiller | faire toilette"
        "| aider lever | aider deplacer | fauteuil roulant | aider marcher | aider laver",
        "habiller personnes_agees hygiene_personnelle autonomie_patients",
        1.0,
    ),
    (
        "grand mere | grand pere | grands parents | mamie | papi | grand mere malade",
        "personnes_agees empathie patience",
        0.7,
    ),
    (
        "handicap | handicape | handicapee | =aidant | =aidante | =aidant familial | autisme"
        "| polyhandicap | ime | esat",
        "aide_domicile_handicap soins_handicap patience empathie",
        1.0,
    ),
    (
        "aide soignant | aide soignante | aide domicile | auxiliaire vie | avs | aesh",
        "personnes_agees habiller hygiene_personnelle aide_domicile_handicap autonomie_patients",
        1.0,
    ),
    ("service civique", "engagements equipe adapter_changement", 0.5),
    ("premiers secours | psc1 | sst | secourisme | secouriste", "premiers_secours", 1.0),
    # Removals, warehouses, building sites -----------------------------------------------------
    (
        "demenagement | demenagements | demenager | demenageur",
        "charges_lourdes deplacer_charges emballer charger_cargaison equipe",
        1.0,
    ),
    (
        "porter cartons | porter meubles | porter charges | porter sacs | charges lourdes"
        "| porter lourd | portais | soulever",
        "charges_lourdes deplacer_charges",
        0.9,
    ),
    (
        "monter meubles | monter meuble | demonter meubles | meubles ikea | monter armoire"
        "| monter lit | montage meubles",
        "assembler_meubles",
        1.0,
    ),
    ("cartons | emballer | emballage | papier bulle | colis", "emballer", 0.7),
    (
        "charger camion | decharger camion | charger camions | decharger camions | charger"
        "| decharger | chargement | dechargement",
        "decharger_cargaison charger_cargaison decharger_fournitures",
        0.7,
    ),
    (
        "manutention | manutentionnaire | magasinier | magasiniere",
        "charges_lourdes decharger_cargaison empiler_produits materiel_entrepot",
        1.0,
    ),
    (
        "palettes | palette | transpalette | chariot elevateur | fenwick | caces | cariste",
        "materiel_entrepot chariot_elevateur empiler_produits palettes_lourds",
        1.0,
    ),
    (
        "entrepot | logistique | preparateur commandes | preparatrice commandes"
        "| preparation commandes | preparer commandes | picking | amazon | plateforme logistique",
        "commandes_expedition materiel_entrepot stocker_entrepot appareils_portatifs charges_lourdes",
        1.0,
    ),
    ("scanner | douchette | scan", "appareils_portatifs", 0.8),
    (
        "chantier | chantiers | btp | batiment | manoeuvre | aide macon | macon | maconnerie"
        "| ouvrier",
        "equipe_construction materiaux_construction consignes_securite charges_lourdes"
        " transporter_materiaux",
        1.0,
    ),
    (
        "ciment | beton | mortier | parpaing | parpaings | gacher | betonniere",
        "melanger_beton melanger_ciment materiaux_construction",
        1.0,
    ),
    (
        "peinture | peindre | repeindre | peintre | rouleau | murs | volets",
        "peindre_surfaces preparer_surface_peinture materiel_peinture",
        1.0,
    ),
    (
        "placo | placoplatre | plaques platre | plaque platre | monter cloison | enduit"
        "| platre | bandes joints",
        "plaques_platre platrer",
        1.0,
    ),
    (
        "poncer | enduire | reboucher trous | lessiver murs | scotcher",
        "preparer_surface_peinture",
        0.9,
    ),
    (
        "demolition | demolir | casser mur | abattre cloison | casser cloison",
        "demolir techniques_demolition equipe_construction",
        1.0,
    ),
    (
        "gravats | evacuer dechets | evacuation dechets | benne | nettoyer chantier | dechetterie",
        "gravats trier_dechets",
        1.0,
    ),
    ("carrelage | carreler | faience", "poser_carrelage", 1.0),
    ("echafaudage | echafaudages", "monter_echafaudage consignes_securite", 1.0),
    (
        "bricolage | bricoler | bricole | petits travaux | reparer maison | outils",
        "travail_manuel_autonome problemes_techniques",
        0.6,
    ),
    # Driving, delivering -------------------------------------------------------------------------
    (
        "permis | permis b | conduire | conduis | conduite | camion | camionnette | utilitaire"
        "| voiture",
        "conduire_vehicules regles_circulation conduire_ville",
        0.9,
    ),
    (
        "livreur | livreuse | livrer | livre | livraison | livraisons | uber eats | deliveroo"
        "| just eat | coursier | stuart",
        "gps regles_circulation gerer_temps autonome",
        1.0,
    ),
    ("scooter | moto | cyclomoteur | deux roues", "deux_roues regles_circulation", 0.5),
    # Mechanics ----------------------------------------------------------------------------------
    (
        "reparer scooter | repare scooter | reparer moto | repare moto | reparer cyclomoteur"
        "| bricoler moto | bricole moto | bricole cyclomoteur | bricoler cyclomoteur"
        "| entretien scooter | mecanique moto | mecanique scooter | mecanique deux roues"
        "| mecano | mecanique",
        "reparer_motos reparer_moteurs diagnostiquer_moteurs remplacer_pneus freinage",
        1.0,
    ),
    ("plaquettes | freins | frein | disques frein", "freinage", 0.9),
    ("pneu | pneus | crevaison | chambre air", "remplacer_pneus", 0.9),
    (
        "moteur | demonter moteur | bougie | carburateur | carbu | vidange | trouver panne"
        "| panne moteur",
        "diagnostiquer_moteurs reparer_moteurs dysfonctionnements_moteurs",
        0.9,
    ),
    ("panne | pannes | depanner | depannage", "depannage problemes_techniques", 0.6),
    (
        "reparer velo | repare velo | reparer velos | atelier velo | entretien velo | regler velo",
        "reparer_velos regler_velos",
        1.0,
    ),
    ("garage | mecanique auto | reparer voiture | vidange voiture", "reparer_vehicules", 1.0),
    # Social media, video, photo ---------------------------------------------------------------
    (
        "instagram | tiktok | snapchat | youtube | reseaux sociaux | abonnes | followers"
        "| influenceuse | influenceur | page facebook | story | stories | reels | publier"
        "| publication | publications | twitch | stream",
        "reseaux_sociaux contenus_numeriques contenu_en_ligne marketing_reseaux",
        1.0,
    ),
    (
        "commentaires | messages | repondre abonnes | communaute | moderer | moderation | dm",
        "communications_en_ligne moderation reseaux_sociaux",
        0.9,
    ),
    (
        "video | videos | monter video | monte video | capcut | premiere pro | clip | clips"
        "| vlog | montage video",
        "montage_video contenus_numeriques",
        1.0,
    ),
    ("montage | monter", "montage_video", 0.5),
    ("filmer | filme | tournage | camera | tourner clip | cadrer", "camera montage_video", 1.0),
    ("photo | photos | photographe | shooting | appareil photo", "photos retoucher_photos", 0.9),
    # Hair and beauty ----------------------------------------------------------------------------
    (
        "tresses | tresser | braids | box braids | nattes | natter | vanilles | locks | twists"
        "| cornrows | tissage | coiffure | coiffer | coiffeuse | coiffeur | cheveux | chignon",
        "coiffer style_coiffure ustensiles_coiffure coiffure",
        1.0,
    ),
    (
        "soin cheveux | soins cheveux | cheveux crepus | cheveux naturels | cheveux boucles"
        "| produits capillaires",
        "problemes_capillaires produits_capillaires",
        0.9,
    ),
    ("maquillage | maquiller | makeup", "maquiller", 1.0),
    ("ongles | manucure | onglerie | vernis", "manucure", 1.0),
    # Selling, markets, shops, cash desks ----------------------------------------------------------
    (
        "marche | stand | etal | vendeur | vendeuse | vendre | vente | vends | vendais | commerce"
        "| boutique | magasin",
        "vendre_produits conseiller_clients encaisser communiquer_clients",
        0.9,
    ),
    (
        "rendre monnaie | monnaie | encaisser | encaissement | encaissais | paiement | paiements"
        "| especes | carte bleue | terminal paiement | tpe",
        "encaisser compter_argent traiter_paiements",
        1.0,
    ),
    (
        "conseiller clients | conseiller clientes | conseil client | renseigner clients"
        "| aider clients | conseillais",
        "conseiller_clients communiquer_clients satisfaction_clients",
        1.0,
    ),
    (
        "fruits legumes | primeur | peser",
        "peser_fruits_legumes peser_marchandises",
        0.7,
    ),
    (
        "vinted | leboncoin | ebay | revendre | revends | revente | achat revente | sneakers",
        "occasion negocier_prix vendre_produits commerce_electronique",
        1.0,
    ),
    ("negocier | marchander | negociation", "negocier_prix persuader", 0.9),
    (
        "ranger boutique | ranger magasin | ranger rayon | rangeais boutique",
        "proprete_magasin remplir_rayons",
        0.9,
    ),
    (
        "caisse | caisses | caissier | caissiere | tenir caisse | hote caisse | hotesse caisse",
        "caisse_enregistreuse tenir_caisse encaisser compter_argent traiter_paiements",
        1.0,
    ),
    (
        "carrefour | lidl | leclerc | auchan | intermarche | super u | monoprix | franprix"
        "| aldi | casino | supermarche | hypermarche | superette | epicerie | grande surface",
        "remplir_rayons caisse_enregistreuse conseiller_clients",
        0.6,
    ),
    (
        "rayon | rayons | mise rayon | mettre rayon | facing | remplir rayons | etiquetage"
        "| etiquettes | etiqueter | reassort | approvisionner",
        "remplir_rayons empiler_produits etiquettes_rayons prix_rayons",
        1.0,
    ),
    # Cleaning -------------------------------------------------------------------------------------
    (
        "menage | agent entretien | entretien locaux | aspirateur | serpilliere | balai"
        "| laver sols | nettoyer sols | vitres | sanitaires | wc | nettoyer toilettes | poubelles"
        "| femme menage | agent proprete",
        "nettoyage nettoyer_sols nettoyer_surfaces toilettes produits_nettoyage",
        1.0,
    ),
    ("nettoyer | nettoyage | nettoyais | laver", "nettoyage nettoyer_surfaces", 0.7),
    ("autolaveuse | monobrosse", "machine_sols nettoyer_sols", 1.0),
    # Kitchens, restaurants, fast food ---------------------------------------------------------------
    (
        "plonge | plongeur | plongeuse | vaisselle | laver vaisselle | lave vaisselle",
        "laver_vaisselle lave_vaisselle hygiene_travail nettoyer_zone_repas equipe_restauration",
        1.0,
    ),
    (
        "nettoyer cuisine | nettoyage cuisine | plan travail | nettoyais cuisine | hygiene",
        "nettoyer_zone_repas hygiene_travail normes_alimentaires",
        1.0,
    ),
    (
        "commis | cuisinier | cuisiniere | aide cuisine | cuisine restaurant | cuisine snack"
        "| second cuisine | en cuisine",
        "techniques_cuisson equipe_restauration normes_alimentaires decoupe_aliments",
        1.0,
    ),
    (
        "cuisiner | cuisine | preparer repas | recettes | recette | petits plats",
        "techniques_cuisson preparer_legumes",
        0.8,
    ),
    (
        "patisserie | gateaux | gateau | desserts | dessert | crepes",
        "desserts techniques_cuisson",
        0.9,
    ),
    (
        "eplucher | epluchage | epluchais | legumes | couper legumes | decouper | decoupe| salades",
        "preparer_legumes decoupe_aliments",
        0.9,
    ),
    (
        "sandwich | sandwichs | sandwiches | tacos | kebab | wraps",
        "sandwiches techniques_cuisson",
        0.9,
    ),
    ("pizza | pizzas | pizzeria | pizzaiolo", "pizzas techniques_cuisson", 1.0),
    (
        "mcdonalds | burger king | kfc | quick | subway | five guys | tacos | kebab | snack"
        "| fast food | restauration rapide | equipier | equipiere | frites | friteuse | burgers",
        "equipe_restauration commandes_clients techniques_cuisson hygiene_travail encaisser"
        " pression",
        1.0,
    ),
    (
        "comptoir | prendre commandes | prenais commandes | commandes | prise commande | borne",
        "commandes_clients communiquer_clients",
        0.7,
    ),
    (
        "serveur | serveuse | service salle | extra | extras | service table | servir | servais"
        "| barman | barmaid | terrasse | runner",
        "servir_table servir_boissons commandes_clients accueillir_restaurant mettre_tables",
        1.0,
    ),
    (
        "restaurant | restaurants | cafe | bar | brasserie | mariage | mariages | traiteur"
        "| banquet | hotel",
        "equipe_restauration hygiene_travail servir_boissons",
        0.6,
    ),
    (
        "mise place | dresser tables | mettre table | mettre couverts | mise place tables",
        "mettre_tables couverts",
        1.0,
    ),
    ("debarrasser | desservir | debarrassais", "espaces_clientele", 1.0),
    ("boissons | cocktails | boisson", "servir_boissons", 0.8),
    # Farms, animals, gardens ------------------------------------------------------------------------
    (
        "ferme | agricole | exploitation agricole | agriculteur | agricultrice | paysan | eleveur"
        "| elevage",
        "ferme_autonome nourrir_elevage conduire_engins_agricoles",
        0.8,
    ),
    (
        "vaches | veaux | moutons | brebis | chevres | cochons | porcs | poules | betail"
        "| animaux | chevaux | lapins | nourrir animaux | nourris",
        "nourrir_elevage ferme_autonome",
        0.9,
    ),
    (
        "etable | ecurie | fumier | paille | litiere | curer | poulailler | bergerie",
        "nettoyage nourrir_elevage ferme_autonome",
        0.9,
    ),
    (
        "traite vaches | traite vache | traire | trayais | salle traite",
        "traire nourrir_elevage ferme_autonome",
        1.0,
    ),
    (
        "tracteur | moissonneuse | engins agricoles | machines agricoles | machine agricole",
        "conduire_engins_agricoles engins_agricoles entretenir_engins_agricoles",
        1.0,
    ),
    (
        "foins | foin | moisson | recolte | recolter | cueillette | ballots",
        "recolter engins_agricoles",
        0.9,
    ),
    ("vendanges | vendanger | vendangeur", "vendanger recolter", 1.0),
    ("maraichage | potager | planter | semer | plantations", "planter recolter jardinage", 0.9),
    (
        "chien | chiens | promener chiens | pet sitting | garder chat",
        "promener_chiens nourrir_animaux_compagnie",
        0.9,
    ),
    (
        "tondre | tondeuse | pelouse | pelouses | gazon",
        "pelouses materiel_pelouses jardinage",
        1.0,
    ),
    (
        "haies | haie | tailler | taille haies | elaguer | debroussailler | debroussailleuse",
        "haies tailler_vegetaux jardinage",
        1.0,
    ),
    (
        "jardin | jardinage | espaces verts | paysagiste | desherber | arroser | ratisser"
        "| feuilles mortes",
        "jardinage pelouses tailler_vegetaux haies",
        0.9,
    ),
    # Sewing ------------------------------------------------------------------------------------------
    (
        "couture | coudre | machine coudre | couds | cousu | retouches | retouche | ourlet"
        "| ourlets | couper tissu | tote bag | pochettes",
        "coudre_textile techniques_couture retoucher_vetements couper_tissu",
        1.0,
    ),
    ("retouches | retouche | ourlet | ourlets | ajuster vetements", "retoucher_vetements", 1.0),
    # Music and sound --------------------------------------------------------------------------------
    (
        "guitare | guitariste | piano | pianiste | jouer batterie | batteur | bassiste | violon"
        "| instrument | musicien | musicienne | saxophone | trompette",
        "jouer_instruments ensemble_musique jouer_public",
        1.0,
    ),
    (
        "groupe musique | groupe rock | groupe rap | jouer groupe | joue groupe | orchestre"
        "| fanfare | repetitions",
        "ensemble_musique jouer_instruments",
        1.0,
    ),
    ("concert | concerts | scene | festival | jouer public", "jouer_public", 0.6),
    ("chanter | chanteur | chanteuse | chorale", "chanter", 1.0),
    (
        "composer | compose | beatmaker | beats | fl studio | ecrire textes | rap",
        "composer_musique",
        0.7,
    ),
    (
        "sono | sonorisation | balances | inge | regie | regisseur | micros | micro"
        "| enceintes | ampli | installer sonorisation | matos",
        "equipement_sonore verification_son son_scene qualite_sonore",
        1.0,
    ),
    (
        "table mixage | mixage | mixer | mix | dj | platines | console mixage",
        "console_mixage mixage_direct qualite_sonore",
        1.0,
    ),
    # Computers and phones ------------------------------------------------------------------------------
    (
        "reparer ordinateur | repare ordinateur | reparer ordinateurs | depanner ordinateur"
        "| depannage informatique | reparation ordinateur | reparer informatique"
        "| reparer ordinateurs | depanner informatique",
        "reparer_tic depannage_tic installer_logiciel installer_os",
        1.0,
    ),
    ("informatique | ordinateur | ordinateurs", "utiliser_ordinateur", 0.6),
    (
        "windows | linux | reinstaller | reinstalle | formater | systeme exploitation",
        "installer_os installer_logiciel",
        1.0,
    ),
    ("virus | antivirus | malware", "virus antivirus", 1.0),
    (
        "logiciel | logiciels | installer logiciel | installation logiciels",
        "installer_logiciel",
        1.0,
    ),
    ("bug | beug | bugue | bugge | ecran bleu", "depannage_tic", 0.8),
    (
        "ecran casse | ecrans casses | changer ecran | reparer telephone | telephone casse"
        "| smartphone | iphone | batterie telephone | ecrans telephone",
        "reparer_mobiles demonter_mobiles",
        1.0,
    ),
    (
        "wifi | box internet | reseau wifi | reseau internet | imprimante | imprimantes | routeur"
        "| brancher | cables",
        "installer_materiel_info peripheriques depannage_tic",
        1.0,
    ),
    (
        "monter pc | monter ordinateur | composants | carte graphique",
        "composants_info installer_materiel_info",
        1.0,
    ),
    ("coder | programmation | html | python | javascript | developpeur", "programmation", 1.0),
    ("site web | site internet | wordpress", "gerer_site_web", 1.0),
    # Languages, translation, paperwork -------------------------------------------------------------------
    ("francais", "fr_parler fr_comprendre", 0.8),
    ("anglais", "en_parler en_comprendre", 0.8),
    ("espagnol", "es_parler es_comprendre", 0.8),
    ("catalan", "ca_parler ca_comprendre", 0.8),
    ("arabe | darija", "ar_parler ar_comprendre", 0.8),
    ("portugais", "pt_parler", 0.8),
    ("italien", "it_parler", 0.8),
    ("allemand", "de_parler", 0.8),
    ("turc", "tr_parler", 0.8),
    ("roumain", "ro_parler", 0.8),
    ("russe", "ru_parler", 0.8),
    ("chinois | mandarin", "zh_parler", 0.8),
    ("berbere | kabyle | tamazight", "ber_parler", 0.8),
    ("polonais", "pl_parler", 0.8),
    ("ukrainien", "uk_parler", 0.8),
    (
        "traduire | traduis | traduction | traducteur | traductrice | interprete | traduisais",
        "traduire_langue traduire_textes traduire_oral",
        1.0,
    ),
    (
        "papiers | papiers administratifs | formulaires | formulaire | dossiers | caf | impots"
        "| demarches | prefecture | courriers | administratif",
        "formulaires services_en_ligne",
        0.8,
    ),
    # Security, reception, phone ----------------------------------------------------------------------------
    (
        "agent securite | vigile | videur | controle sacs | fouille | fouiller | billets"
        "| billetterie | controle entree | surveiller entree",
        "billets_entree fouille gerer_public acces_clients",
        0.9,
    ),
    (
        "standard | standardiste | repondre telephone | repondais telephone | appels"
        "| accueil telephonique | teleconseiller | teleconseillere | centre appels | hotline",
        "appels_entrants telephone",
        1.0,
    ),
    ("rendezvous | prendre rendezvous | agenda | planning rendezvous", "fixer_rdv gerer_rdv", 0.9),
    (
        "service client | service clients | sav",
        "service_clients reclamations communiquer_clients",
        1.0,
    ),
    # Ways of working ---------------------------------------------------------------------------------------
    (
        "heure | ponctuel | ponctuelle | ponctualite | jamais retard | respecter horaires"
        "| horaires",
        "gerer_temps fiable engagements",
        0.9,
    ),
    ("fiable | serieux | serieuse | confiance | compter", "fiable engagements", 0.7),
    (
        "calme | garder calme | stress | pression | rush | coup feu | sang froid",
        "calme_stress situations_stress pression",
        1.0,
    ),
    (
        "enervent | enerves | mecontents | reclamations | plaintes | conflits | disputes"
        "| embrouilles | agressifs | raler",
        "reclamations conflits calme_stress",
        1.0,
    ),
    ("equipe | en equipe | collegues | travail equipe", "equipe soutenir_collegues", 0.8),
    ("patient | patiente | patience", "patience", 0.9),
    ("autonome | autonomie | tout seul | toute seule | seul", "autonome", 0.8),
    (
        "apprendre vite | apprends vite | curieux | curieuse | motive | motivee",
        "volonte_apprendre enthousiasme",
        0.8,
    ),
    ("organise | organisee | organisation | planning", "organise gerer_temps", 0.6),
    (
        "responsable | responsabilites | chef equipe | gerer equipe | delegue",
        "diriger responsable",
        0.8,
    ),
    (
        "expliquer | montrer nouveaux | former nouveaux | formais | apprendre autres",
        "instruire",
        0.8,
    ),
    ("parler public | prise parole | expose | oral", "parler_public auditoire", 0.8),
]
