# Grosses pièces jointes : au-delà de 5 Mo, le message va dans « Volumineux »
# (et reste lu plus tard), pour garder la boîte de réception légère.
# La taille compte tout le message, pièces jointes encodées comprises.
require ["fileinto"];

if size :over 5M {
    fileinto "Volumineux";
    stop;
}
