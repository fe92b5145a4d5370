# Messages for the Sieve conformance cases, written for this project (French school district mail).
M = {}
M["rentree"] = """Return-Path: <secretariat@college-exemple.fr>
Received: from mx.college-exemple.fr by imap.college-exemple.fr; Thu, 26 Nov 2026 09:12:44 +0100
From: =?UTF-8?Q?Secr=C3=A9tariat_du_coll=C3=A8ge?= <secretariat@college-exemple.fr>
To: Enseignants: "Dupont, Jeanne" <jeanne.dupont@college-exemple.fr>, marc.lefevre+reunions@college-exemple.fr;
Cc: direction@college-exemple.fr, "Vie scolaire" <vie.scolaire@College-Exemple.FR>
Subject: =?UTF-8?Q?R=C3=A9union_de_rentr=C3=A9e_=E2=80=94_jeudi?= 17 h
Date: Thu, 26 Nov 2026 09:12:40 +0100
Message-ID: <rentree-2026@college-exemple.fr>
X-Priority: 2
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Bonjour à toutes et à tous,
La réunion de rentrée aura lieu jeudi à 17 h en salle B12.
"""
M["phishing"] = """Return-Path: <bounce@mail-verif.example>
From: "Service informatique - Academie" <support-informatique@academie-securite.example>
Reply-To: helpdesk.academie@freemail.example
To: jeanne.dupont@college-exemple.fr
Subject: URGENT: Votre boite mail sera SUPPRIMEE sous 24h
Date: Mon, 23 Nov 2026 03:14:15 -0000
Message-ID: <a8f7e6d5@mail-verif.example>
X-Spam-Score: 7.5
X-Virus-Scan: Found to be clean.
X-Mailer: MassMailer 3.1
MIME-Version: 1.0
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

Cher utilisateur,
Votre quota est d=E9pass=E9. Cliquez ici pour valider votre compte: http://academie-securite.example/login
"""
M["liste"] = """From: Association des parents <bureau@parents-exemple.org>
Sender: owner-parents@lists.parents-exemple.org
To: parents@lists.parents-exemple.org
Subject: [Parents] Compte rendu du conseil d'administration
Date: Tue, 24 Nov 2026 18:30:00 +0100
List-Id: Parents d'eleves <parents.lists.parents-exemple.org>
List-Unsubscribe: <mailto:parents-unsubscribe@lists.parents-exemple.org>
Precedence: list
Message-ID: <ca-2026-11@parents-exemple.org>
X-Spam-Score: 0.4
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Bonjour,
Voici le compte rendu du dernier conseil.
"""
M["newsletter"] = """From: Editions Scolaires <newsletter@editions-scolaires.example>
To: marc.lefevre@college-exemple.fr
Subject: Nouveautes 2027 : manuels de mathematiques
Date: Wed, 25 Nov 2026 07:00:00 +0000
Message-ID: <nl-8812@editions-scolaires.example>
List-Unsubscribe: <https://editions-scolaires.example/unsub?id=8812>
X-Spam-Score: 3,2
X-Campaign: 2027-maths
X-Campaign: relance
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Decouvrez nos nouveaux manuels.
--b1
Content-Type: text/html; charset=utf-8

<p>Decouvrez nos <b>nouveaux</b> manuels.</p>
--b1--
"""
M["bare"] = """From: root@localhost
Subject: cron
Date: 1 Jan 2026 00:00:00 +0000

x
"""
M["alternatives"] = """From: Vie scolaire <vie.scolaire@college-exemple.fr>
To: parents@lists.parents-exemple.org
Subject: Absences
Date: Fri, 27 Nov 2026 08:00:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

Ceci est un message MIME.
--outer
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

version texte: l'=C3=A9l=C3=A8ve est absent
--alt
Content-Type: text/html; charset=utf-8

<html><body><p>version <b>html</b>: l'&eacute;l&egrave;ve est absent</p></body></html>
--alt--
--outer
Content-Type: application/pdf; name="justificatif.pdf"
Content-Disposition: attachment; filename="justificatif.pdf"
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcOkw7zDtsOfCg==
--outer--
fin du message
"""
