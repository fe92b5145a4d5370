require "vacation"; vacation :days 3 :subject "Absente" :from "jeanne.dupont@college-exemple.fr" :addresses ["jeanne@college-exemple.fr"] :mime :handle "noel" "Retour le 3 janvier";
