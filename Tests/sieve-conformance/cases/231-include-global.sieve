require ["include"]; include :global "site-phishing";
