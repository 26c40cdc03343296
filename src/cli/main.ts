console.log('rasd');
